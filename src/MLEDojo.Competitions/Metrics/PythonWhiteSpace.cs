namespace MLEDojo.Competitions.Metrics;

/// <summary>Python's notion of white space, and the <c>str.split()</c> / <c>str.strip()</c> built on it.</summary>
internal static class PythonWhiteSpace
{
    /// <summary>
    /// Python's <c>str.isspace</c>: .NET's white space plus the ASCII separators U+001C..U+001F, which
    /// Python's <c>split()</c> also splits on.
    /// </summary>
    public static bool Is(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary>The tokens of <c>text.split()</c> (runs of white space separate, ends are ignored), without allocating.</summary>
    public static TokenEnumerator Tokens(ReadOnlySpan<char> text) => new(text);

    public static int CountTokens(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in Tokens(text)) count++;
        return count;
    }

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && Is(text[start])) start++;
        while (end > start && Is(text[end - 1])) end--;
        return text[start..end];
    }
}

/// <summary>Enumerates <c>(start, length)</c> of the white-space separated tokens of a span.</summary>
internal ref struct TokenEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public TokenEnumerator(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Current = default;
    }

    public Range Current { get; private set; }

    public readonly TokenEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var i = _position;
        while (i < _text.Length && PythonWhiteSpace.Is(_text[i])) i++;
        if (i == _text.Length)
        {
            _position = i;
            return false;
        }
        var start = i;
        while (i < _text.Length && !PythonWhiteSpace.Is(_text[i])) i++;
        Current = start..i;
        _position = i;
        return true;
    }
}

/// <summary>
/// Enumerates the pieces of <c>text.split(separator)</c>: with a null separator, Python's white-space split (no empty
/// pieces); with a separator, every piece between occurrences, empty ones included, as Python keeps them.
/// </summary>
internal ref struct SplitEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private readonly string? _separator;
    private TokenEnumerator _whiteSpace;
    private int _position;

    public SplitEnumerator(ReadOnlySpan<char> text, string? separator)
    {
        _text = text;
        _separator = separator;
        _whiteSpace = new TokenEnumerator(text);
        _position = 0;
        Current = default;
    }

    public Range Current { get; private set; }

    public readonly SplitEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_separator is null)
        {
            if (!_whiteSpace.MoveNext()) return false;
            Current = _whiteSpace.Current;
            return true;
        }
        if (_position > _text.Length) return false;
        var found = _text[_position..].IndexOf(_separator.AsSpan(), StringComparison.Ordinal);
        var end = found < 0 ? _text.Length : _position + found;
        Current = _position..end;
        _position = found < 0 ? _text.Length + 1 : end + _separator.Length;
        return true;
    }
}

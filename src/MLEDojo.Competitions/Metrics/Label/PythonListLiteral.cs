namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// Enough of Python's <c>ast.literal_eval</c> to read a span list such as <c>['696 724', '10 15;20 25']</c>: a list
/// whose elements are string literals (single or double quoted, optionally r/u-prefixed, adjacent literals
/// concatenated, the usual backslash escapes), numbers, True/False/None, or nested lists and tuples of those.
/// Only top-level strings are kept: <c>str()</c> of any other element can never form a valid "start end" span.
/// Anything outside that subset is reported as not a literal, which is also what literal_eval's
/// ValueError/SyntaxError leads upstream to (the cell is then read as plain text).
/// </summary>
internal sealed class PythonListLiteral
{
    private static readonly string[] Keywords = ["True", "False", "None"];
    private char[] _buffer = new char[256];
    private int _length;
    private readonly List<(int Start, int Length)> _strings = [];

    /// <summary>The top-level string elements of the last parsed list.</summary>
    public int Count => _strings.Count;

    public ReadOnlySpan<char> this[int index] => _buffer.AsSpan(_strings[index].Start, _strings[index].Length);

    public bool TryParse(ReadOnlySpan<char> text)
    {
        _length = 0;
        _strings.Clear();
        var position = 0;
        SkipSpace(text, ref position);
        if (!TryValue(text, ref position, topLevel: true, isTopList: true)) return false;
        SkipSpace(text, ref position);
        return position == text.Length;
    }

    private bool TryValue(ReadOnlySpan<char> text, ref int position, bool topLevel, bool isTopList = false)
    {
        if (position >= text.Length) return false;
        var c = text[position];
        if (c is '[' or '(') return TrySequence(text, ref position, c == '[' ? ']' : ')', isTopList);
        if (isTopList) return false;
        if (c is '\'' or '"' || (c is 'r' or 'R' or 'u' or 'U' && position + 1 < text.Length && text[position + 1] is '\'' or '"'))
        {
            var start = _length;
            while (position < text.Length && (text[position] is '\'' or '"' || (text[position] is 'r' or 'R' or 'u' or 'U' && position + 1 < text.Length && text[position + 1] is '\'' or '"')))
            {
                if (!TryString(text, ref position)) return false;
                SkipSpace(text, ref position);
            }
            if (topLevel) _strings.Add((start, _length - start));
            else _length = start;
            return true;
        }
        if (c is '-' or '+' || char.IsAsciiDigit(c) || c == '.') return TryNumber(text, ref position);
        foreach (var keyword in Keywords)
            if (text[position..].StartsWith(keyword) && (position + keyword.Length == text.Length || !char.IsLetterOrDigit(text[position + keyword.Length]) && text[position + keyword.Length] != '_'))
            {
                position += keyword.Length;
                return true;
            }
        return false;
    }

    private bool TrySequence(ReadOnlySpan<char> text, ref int position, char close, bool isTopList)
    {
        if (isTopList && close != ']') return false;
        position++;
        SkipSpace(text, ref position);
        var elements = 0;
        var trailingComma = false;
        while (position < text.Length && text[position] != close)
        {
            if (!TryValue(text, ref position, topLevel: isTopList)) return false;
            elements++;
            SkipSpace(text, ref position);
            trailingComma = false;
            if (position < text.Length && text[position] == ',')
            {
                position++;
                trailingComma = true;
                SkipSpace(text, ref position);
            }
            else if (position < text.Length && text[position] != close) return false;
        }
        if (position >= text.Length) return false;
        if (elements == 0 && trailingComma) return false;
        position++;
        return true;
    }

    private bool TryString(ReadOnlySpan<char> text, ref int position)
    {
        var raw = false;
        if (text[position] is 'r' or 'R') { raw = true; position++; }
        else if (text[position] is 'u' or 'U') position++;
        var quote = text[position++];
        if (position + 1 < text.Length && text[position] == quote && text[position + 1] == quote) return false; // triple quotes: not handled
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote) return true;
            if (c is '\n' or '\r') return false;
            if (c != '\\')
            {
                Append(c);
                continue;
            }
            if (position >= text.Length) return false;
            var e = text[position++];
            if (raw)
            {
                Append('\\');
                Append(e);
                continue;
            }
            switch (e)
            {
                case '\n': break;
                case '\\': case '\'': case '"': Append(e); break;
                case 'n': Append('\n'); break;
                case 't': Append('\t'); break;
                case 'r': Append('\r'); break;
                case 'a': Append('\a'); break;
                case 'b': Append('\b'); break;
                case 'f': Append('\f'); break;
                case 'v': Append('\v'); break;
                case 'x': if (!TryHex(text, ref position, 2)) return false; break;
                case 'u': if (!TryHex(text, ref position, 4)) return false; break;
                case 'U': if (!TryHex(text, ref position, 8)) return false; break;
                case 'N': return false; // named escapes: not handled
                default:
                    if (e is >= '0' and <= '7')
                    {
                        var value = e - '0';
                        for (var k = 0; k < 2 && position < text.Length && text[position] is >= '0' and <= '7'; k++)
                            value = value * 8 + (text[position++] - '0');
                        Append((char)value);
                    }
                    else
                    {
                        Append('\\');
                        Append(e);
                    }
                    break;
            }
        }
        return false;
    }

    private bool TryHex(ReadOnlySpan<char> text, ref int position, int digits)
    {
        if (position + digits > text.Length) return false;
        var value = 0;
        for (var k = 0; k < digits; k++)
        {
            var c = text[position + k];
            if (!char.IsAsciiHexDigit(c)) return false;
            value = value * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        position += digits;
        if (value > 0x10FFFF) return false;
        if (value < 0x10000)
            Append((char)value);
        else
        {
            value -= 0x10000;
            Append((char)(0xD800 + (value >> 10)));
            Append((char)(0xDC00 + (value & 0x3FF)));
        }
        return true;
    }

    /// <summary>A number, possibly signed, with exponent or complex part ("-1e-5", "1+2j"); its value never matters.</summary>
    private static bool TryNumber(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length && text[position] is '-' or '+') position++;
        var body = position;
        if (body >= text.Length || !(char.IsAsciiDigit(text[body]) || text[body] == '.')) return false;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '.' or '_' or '+' or '-'))
            position++;
        return true;
    }

    private void Append(char c)
    {
        if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_length++] = c;
    }

    private static void SkipSpace(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r' or '\f' or '\\')
        {
            if (text[position] == '\\' && (position + 1 >= text.Length || text[position + 1] != '\n')) return;
            position++;
        }
    }
}

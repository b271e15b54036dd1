namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// Space-separated label lists ("scab frog_eye_leaf_spot") read as Python's <c>str.split()</c> reads them: runs of
/// whitespace separate tokens and never yield empty ones. Tokens map to dense integer ids through a dictionary
/// looked up by span, so scanning a million rows allocates only for labels never seen before.
/// </summary>
internal sealed class LabelTokens
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelTokens() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    public int Find(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out var id) ? id : -1;

    public int FindOrAdd(ReadOnlySpan<char> token)
    {
        if (_lookup.TryGetValue(token, out var id)) return id;
        id = _ids.Count;
        _lookup[token] = id;
        return id;
    }

    /// <summary>Moves <paramref name="position"/> past the next token of <paramref name="text"/>; false at the end.</summary>
    public static bool Next(ReadOnlySpan<char> text, ref int position, out ReadOnlySpan<char> token)
    {
        while (position < text.Length && PythonWhiteSpace.Is(text[position])) position++;
        if (position >= text.Length)
        {
            token = default;
            return false;
        }
        var start = position;
        while (position < text.Length && !PythonWhiteSpace.Is(text[position])) position++;
        token = text.Slice(start, position - start);
        return true;
    }

    /// <summary>
    /// The cells as the text that upstream splits. With <paramref name="castToText"/> the metric did
    /// <c>astype(str)</c> (or <c>str(x)</c>) first, so an empty cell is the token "nan"; without it, upstream calls
    /// <c>.split()</c> on the raw value and fails on an empty or numeric cell.
    /// </summary>
    public static string[] Cells(MetricColumn column, bool castToText)
    {
        if (castToText) return PandasStrings.AsStr(column);
        if (column.IsNumeric)
            throw column.Problem($"Column '{column.Name}' must hold space-separated labels as text, but it holds only numbers (row 1: '{column.Texts[0]}').");
        var texts = column.Texts;
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is null)
                throw column.Problem($"Column '{column.Name}' is empty at row {i + 1}; write the space-separated labels for every row.");
        return texts!;
    }
}

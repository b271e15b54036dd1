namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted</c> does; plain ordinal comparison of UTF-16 would
/// put characters above U+FFFF before those in U+E000..U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b) continue;
            if (char.IsSurrogate(a) != char.IsSurrogate(b))
                return char.IsSurrogate(a) ? 1 : -1;
            return a.CompareTo(b);
        }
        return x.Length.CompareTo(y.Length);
    }
}

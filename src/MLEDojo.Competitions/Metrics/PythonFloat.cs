namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// The parts of Python's <c>float(token)</c> that .NET's parser spells differently: the special values, and which
/// characters may appear in decimal notation (.NET would also take "∞", thousands separators and the like).
/// </summary>
internal static class PythonFloat
{
    /// <summary><c>nan</c>, <c>inf</c> or <c>infinity</c> in any case, with an optional sign.</summary>
    public static bool TryParseSpecial(ReadOnlySpan<char> token, out double value)
    {
        var negative = token.Length > 0 && token[0] == '-';
        var body = token.Length > 0 && token[0] is '+' or '-' ? token[1..] : token;
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A digit, point, exponent mark or sign: all decimal notation may hold besides Python's underscores.</summary>
    public static bool IsNotationChar(char c) => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-';
}

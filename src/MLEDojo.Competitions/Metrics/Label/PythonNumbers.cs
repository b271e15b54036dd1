using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Python's <c>float(token)</c> and <c>int(token)</c> for tokens without surrounding whitespace.</summary>
internal static class PythonNumbers
{
    public static bool TryParseFloat(ReadOnlySpan<char> token, out double value)
    {
        value = 0;
        if (token.IsEmpty) return false;
        if (PythonFloat.TryParseSpecial(token, out value)) return true;
        Span<char> digits = stackalloc char[Math.Min(token.Length, 256)];
        if (token.Length > digits.Length) return false;
        var length = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c == '_')
            {
                // Python allows one underscore between two digits only.
                if (i == 0 || i == token.Length - 1 || !char.IsAsciiDigit(token[i - 1]) || !char.IsAsciiDigit(token[i + 1])) return false;
                continue;
            }
            if (!PythonFloat.IsNotationChar(c)) return false;
            digits[length++] = c;
        }
        return double.TryParse(digits[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python's <c>int()</c> of a decimal token (sign, digits, single underscores between digits); false on overflow of 64 bits.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> token, out long value)
    {
        value = 0;
        if (token.IsEmpty) return false;
        var negative = token[0] == '-';
        var body = token[0] is '+' or '-' ? token[1..] : token;
        if (body.IsEmpty) return false;
        Int128 magnitude = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '_')
            {
                if (i == 0 || i == body.Length - 1 || body[i + 1] == '_') return false;
                continue;
            }
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit < 0) return false;
            magnitude = magnitude * 10 + digit;
            if (magnitude > long.MaxValue) return false;
        }
        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }
}

using System.Globalization;

namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>The few pieces of Python string behaviour that MLE-Dojo's text metrics depend on.</summary>
internal static class PythonText
{
    /// <summary>
    /// <c>str(cell)</c> after pandas read it: a missing cell is a float NaN, which prints as <c>nan</c>.
    /// </summary>
    public static string Str(string? cell) => cell ?? "nan";

    /// <summary><c>int(token)</c> for a token that <c>split()</c> produced: optional sign, ASCII digits.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> token, out long value) =>
        long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary><c>float(token)</c>: decimal or exponent notation, or nan/inf/infinity in any case.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> token, out double value)
    {
        var body = token;
        var negative = false;
        if (body.Length > 0 && (body[0] == '+' || body[0] == '-'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }
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
        // .NET would also accept its own spellings ("∞", "Infinity" with thousands separators off); Python
        // does not, so only plain digits, a point and an exponent may remain.
        foreach (var c in body)
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
            {
                value = 0;
                return false;
            }
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}

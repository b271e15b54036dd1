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

    /// <summary><c>float(token)</c> without Python's digit underscores: decimal or exponent notation, or nan/inf/infinity in any case.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> token, out double value)
    {
        if (PythonFloat.TryParseSpecial(token, out value)) return true;
        foreach (var c in token)
            if (!PythonFloat.IsNotationChar(c)) return false;
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}

using System.Globalization;

namespace MLEDojo.Competitions.Metrics;

/// <summary>Renders a parsed cell as pandas prints it after <c>astype(str)</c>, so text comparisons match MLE-Dojo.</summary>
public static class PandasText
{
    public static string? Render(double value, bool isBoolean, bool isInteger)
    {
        if (double.IsNaN(value)) return null;
        if (isBoolean) return value != 0 ? "True" : "False";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (isInteger && Math.Abs(value) < 9.2e18) return ((long)value).ToString(CultureInfo.InvariantCulture);
        // Python's repr of a float: shortest round-trip form, always with a decimal point or exponent.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            var mantissa = text[..text.IndexOf('E')];
            var exponent = int.Parse(text[(text.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
            return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        return text.Contains('.') ? text : text + ".0";
    }
}

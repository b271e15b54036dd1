namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>What <c>series.astype(str)</c> yields for a column read by pandas.</summary>
internal static class PandasStrings
{
    /// <summary>
    /// Every cell as text: NaN and empty cells become "nan"; a whole-number column that has an empty cell is float64
    /// in pandas, so its values print as "3.0", not "3".
    /// </summary>
    public static string[] AsStr(MetricColumn column)
    {
        var result = new string[column.Length];
        if (!column.IsNumeric)
        {
            var texts = column.Texts;
            for (var i = 0; i < texts.Length; i++) result[i] = texts[i] ?? "nan";
            return result;
        }
        var numbers = column.Numbers;
        var hasNaN = false;
        foreach (var value in numbers)
            if (double.IsNaN(value)) { hasNaN = true; break; }
        var asInteger = column.IsInteger && !hasNaN;
        for (var i = 0; i < numbers.Length; i++)
            result[i] = PandasText.Render(numbers[i], column.IsBoolean, asInteger) ?? "nan";
        return result;
    }
}

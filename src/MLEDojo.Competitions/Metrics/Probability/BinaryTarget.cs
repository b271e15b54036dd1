namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// An answer column read as scikit-learn reads a binary target: exactly two distinct labels (numbers that are
/// whole, or texts), the greater one positive (<c>label_binarize</c> over <c>np.unique</c>, which sorts).
/// Anything else is a target for which ROC AUC or log loss is undefined; <see cref="Problem"/> says why.
/// </summary>
internal sealed class BinaryTarget
{
    private BinaryTarget(bool[]? isPositive, int positives, string? problem)
    {
        IsPositive = isPositive;
        Positives = positives;
        Problem = problem;
    }

    /// <summary>Per row, whether the label is the positive (greater) one; null when <see cref="Problem"/> is set.</summary>
    public bool[]? IsPositive { get; }
    public int Positives { get; }
    /// <summary>Why the column is not a two-class target (one class, several, missing or fractional values); null if it is.</summary>
    public string? Problem { get; }
    public bool HasOneClass { get; private init; }

    public static BinaryTarget Read(MetricColumn column, bool[]? keepRow = null)
    {
        return column.IsNumeric ? ReadNumbers(column, keepRow) : ReadTexts(column, keepRow);
    }

    private static BinaryTarget ReadNumbers(MetricColumn column, bool[]? keepRow)
    {
        var values = column.Numbers;
        double? low = null, high = null;
        var kept = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (keepRow is not null && !keepRow[i]) continue;
            var v = values[i];
            if (double.IsNaN(v)) return Fail($"answer column '{column.Name}' has a missing value at row {i + 1}");
            if (!double.IsFinite(v) || Math.Floor(v) != v)
                return Fail($"answer column '{column.Name}' holds {v} at row {i + 1}, which is not a class label (scikit-learn sees a continuous target)");
            kept++;
            if (low is null) low = v;
            else if (v != low && high is null) high = v;
            else if (v != low && v != high)
                return Fail($"answer column '{column.Name}' has more than two classes ({Show(low.Value)}, {Show(high!.Value)}, {Show(v)}, ...)");
        }
        if (kept == 0) return Fail($"answer column '{column.Name}' has no rows to score");
        if (high is null) return new BinaryTarget(null, 0, $"answer column '{column.Name}' has only one class ({Show(low!.Value)})") { HasOneClass = true };
        var positive = Math.Max(low!.Value, high.Value);
        var isPositive = new bool[values.Length];
        var positives = 0;
        for (var i = 0; i < values.Length; i++)
            if ((keepRow is null || keepRow[i]) && values[i] == positive) { isPositive[i] = true; positives++; }
        return new BinaryTarget(isPositive, positives, null);
    }

    private static BinaryTarget ReadTexts(MetricColumn column, bool[]? keepRow)
    {
        var values = column.Texts;
        string? low = null, high = null;
        var kept = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (keepRow is not null && !keepRow[i]) continue;
            var v = values[i];
            if (v is null) return Fail($"answer column '{column.Name}' has a missing value at row {i + 1}");
            kept++;
            if (low is null) low = v;
            else if (v != low && high is null) high = v;
            else if (v != low && v != high)
                return Fail($"answer column '{column.Name}' has more than two classes ('{low}', '{high}', '{MetricColumn.Shorten(v)}', ...)");
        }
        if (kept == 0) return Fail($"answer column '{column.Name}' has no rows to score");
        if (high is null) return new BinaryTarget(null, 0, $"answer column '{column.Name}' has only one class ('{MetricColumn.Shorten(low!)}')") { HasOneClass = true };
        // numpy orders unicode strings by code point, which ordinal comparison matches outside surrogate pairs.
        var positive = string.CompareOrdinal(low, high) > 0 ? low! : high;
        var isPositive = new bool[values.Length];
        var positives = 0;
        for (var i = 0; i < values.Length; i++)
            if ((keepRow is null || keepRow[i]) && values[i] == positive) { isPositive[i] = true; positives++; }
        return new BinaryTarget(isPositive, positives, null);
    }

    private static BinaryTarget Fail(string problem) => new(null, 0, problem);

    private static string Show(double value) => PandasText.Render(value, false, true) ?? "NaN";
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>auc</c>: scikit-learn <c>roc_auc_score</c> per target column, averaged over columns (the
/// <c>average="macro"</c> of a multilabel call and the mean of per-column calls are the same number).
/// Parameters: <c>average</c> (<c>macro</c>), <c>reduce</c> (<c>column_mean</c>), <c>undefined_score</c> (the score a
/// column gets when its answer is not a two-class target, as upstream classes that catch scikit-learn's
/// ValueError do; absent means that is an error in the answer), and <c>skip_rows_with_negative_truth_sum</c>
/// (drop rows whose answer labels sum below zero: Kaggle's -1 "not scored" rows in jigsaw's test_labels.csv).
/// </summary>
public sealed class AucMetric : IMetric
{
    private readonly double? _undefinedScore;
    private readonly bool _skipNegativeTruthRows;
    // A scorer passes the same answer column on every call: reading it as a target once saves a pass over it and a
    // label array per scoring. Weak keys, so a column is not kept alive by this cache.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<MetricColumn, BinaryTarget> _targets = new();

    public AucMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("auc", "average", "reduce", "undefined_score", "skip_rows_with_negative_truth_sum");
        parameters.Choice("average", "macro", "macro");
        parameters.Choice("reduce", "column_mean", "column_mean");
        _undefinedScore = parameters.OptionalNumber("undefined_score");
        _skipNegativeTruthRows = parameters.Flag("skip_rows_with_negative_truth_sum", false);
    }

    public string Family => "auc";

    public double Evaluate(MetricInput input)
    {
        if (input.Truth.Count == 0) throw new CompetitionDataException("The auc metric needs at least one target column.");
        if (input.RowCount == 0) throw new CompetitionDataException("The answer has no rows, so ROC AUC is undefined.");
        var keepRow = _skipNegativeTruthRows ? RowsWithNonNegativeTruthSum(input.Truth) : null;

        double total = 0;
        for (var c = 0; c < input.Truth.Count; c++)
            total += ColumnAuc(input.Truth[c], input.Prediction[c], keepRow, input.PredictionsAreScratch && IsOnlyUse(input.Prediction, c));
        return total / input.Truth.Count;
    }

    /// <summary>Whether column <paramref name="c"/>'s array serves no other target (a spec may name one prediction twice).</summary>
    private static bool IsOnlyUse(IReadOnlyList<MetricColumn> prediction, int c)
    {
        if (!prediction[c].IsNumeric) return false;
        var values = prediction[c].Numbers;
        for (var other = 0; other < prediction.Count; other++)
            if (other != c && prediction[other].IsNumeric && ReferenceEquals(prediction[other].Numbers, values)) return false;
        return true;
    }

    private double ColumnAuc(MetricColumn truth, MetricColumn prediction, bool[]? keepRow, bool predictionIsScratch)
    {
        var target = keepRow is null ? _targets.GetValue(truth, column => BinaryTarget.Read(column)) : BinaryTarget.Read(truth, keepRow);
        if (target.Problem is not null)
        {
            if (_undefinedScore is { } fallback) return fallback;
            throw new CompetitionDataException(
                $"ROC AUC is undefined because the {target.Problem}; scikit-learn's roc_auc_score raises here.");
        }
        var scores = keepRow is null ? prediction.FiniteNumbers() : FiniteWhereKept(prediction, keepRow);
        return RocAuc.Compute(target.IsPositive!, scores, keepRow, predictionIsScratch);
    }

    /// <summary>Upstream drops unscored rows before scikit-learn sees them, so only scored rows must be finite.</summary>
    private static double[] FiniteWhereKept(MetricColumn prediction, bool[] keepRow)
    {
        var values = prediction.Numbers;
        for (var i = 0; i < values.Length; i++)
            if (keepRow[i] && !double.IsFinite(values[i]))
                throw prediction.Problem(double.IsNaN(values[i])
                    ? $"Column '{prediction.Name}' has an empty or NaN value at row {i + 1}; every scored row needs a finite number."
                    : $"Column '{prediction.Name}' has an infinite value at row {i + 1}; every scored row needs a finite number.");
        return values;
    }

    private static bool[] RowsWithNonNegativeTruthSum(IReadOnlyList<MetricColumn> truth)
    {
        var rows = truth[0].Length;
        var sums = new double[rows];
        foreach (var column in truth)
        {
            var values = column.Numbers;
            // pandas' sum skips NaN, so a missing label adds nothing.
            for (var i = 0; i < rows; i++)
                if (!double.IsNaN(values[i])) sums[i] += values[i];
        }
        var keep = new bool[rows];
        for (var i = 0; i < rows; i++) keep[i] = sums[i] >= 0;
        return keep;
    }
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>gini</c>, one target column. <c>variant</c>:
/// <list type="bullet">
/// <item><c>auc</c>: 2·roc_auc_score − 1. <c>single_class_score</c> is returned when the answer has fewer than two
/// distinct values (DontGetKicked returns 0.0); without it that is an error in the answer.</item>
/// <item><c>normalized</c>: Kaggle's normalized Gini, gini(actual, pred) / gini(actual, actual), where gini sorts
/// actual by descending prediction, takes Σcumsum/Σactual − (n+1)/2 and divides by n; 0 when Σactual or the
/// perfect Gini is 0. <c>tie_order</c> fixes the order of tied predictions: <c>row</c> (what a stable
/// <c>argsort(-pred)</c> gives) or <c>reverse_row</c> (a stable <c>argsort(pred)[::-1]</c>).</item>
/// </list>
/// </summary>
public sealed class GiniMetric : IMetric
{
    private readonly bool _normalized;
    private readonly double? _singleClassScore;
    private readonly bool _tiesInReverseRowOrder;

    public GiniMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("gini", "variant", "single_class_score", "tie_order");
        if (!parameters.Has("variant")) throw new ArgumentException("Parameter 'variant' is required: 'normalized' or 'auc'.");
        _normalized = parameters.Choice("variant", "normalized", "normalized", "auc") == "normalized";
        _singleClassScore = parameters.OptionalNumber("single_class_score");
        if (_normalized && _singleClassScore is not null)
            throw new ArgumentException("Parameter 'single_class_score' applies only to variant 'auc'.");
        if (!_normalized && parameters.Has("tie_order"))
            throw new ArgumentException("Parameter 'tie_order' applies only to variant 'normalized'.");
        _tiesInReverseRowOrder = parameters.Choice("tie_order", "row", "row", "reverse_row") == "reverse_row";
    }

    public string Family => "gini";

    public double Evaluate(MetricInput input)
    {
        SingleTarget.Require(input, "gini", "the Gini coefficient");
        return _normalized ? Normalized(input.Truth[0], input.Prediction[0]) : FromAuc(input.Truth[0], input.Prediction[0]);
    }

    private double FromAuc(MetricColumn truth, MetricColumn prediction)
    {
        var target = BinaryTarget.Read(truth);
        if (target.HasOneClass && _singleClassScore is { } score) return score;
        if (target.Problem is not null)
            throw new CompetitionDataException($"The Gini coefficient (2·AUC−1) is undefined because the {target.Problem}.");
        return 2 * RocAuc.Compute(target.IsPositive!, prediction.FiniteNumbers()) - 1;
    }

    private double Normalized(MetricColumn truth, MetricColumn prediction)
    {
        var actual = truth.FiniteNumbers();
        var predicted = prediction.FiniteNumbers();
        var model = Coefficient(actual, predicted);
        var perfect = Coefficient(actual, actual);
        return perfect == 0 ? 0.0 : model / perfect;
    }

    private double Coefficient(double[] actual, double[] predicted)
    {
        var n = actual.Length;
        var order = DescendingOrder(predicted);
        var total = new CompensatedSum();
        foreach (var value in actual) total.Add(value);
        if (total.Sum == 0) return 0.0;
        // np.cumsum accumulates left to right in plain doubles; the sum of the running totals is then taken.
        double running = 0;
        var cumulative = new CompensatedSum();
        foreach (var index in order)
        {
            running += actual[index];
            cumulative.Add(running);
        }
        var giniSum = cumulative.Sum / total.Sum - (n + 1) / 2.0;
        return giniSum / n;
    }

    /// <summary>Row indices by descending prediction, ties in the configured row order.</summary>
    private int[] DescendingOrder(double[] predicted)
    {
        var n = predicted.Length;
        var keys = (double[])predicted.Clone();
        var ascending = new int[n];
        for (var i = 0; i < n; i++) ascending[i] = i;
        Array.Sort(keys, ascending);
        // Array.Sort is not stable: restore ascending row order inside each group of equal keys.
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(ascending, start, end - start);
            start = end;
        }
        if (_tiesInReverseRowOrder)
        {
            Array.Reverse(ascending);
            return ascending;
        }
        var descending = new int[n];
        var k = 0;
        for (var end = n; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1]) start--;
            for (var j = start; j < end; j++) descending[k++] = ascending[j];
            end = start;
        }
        return descending;
    }
}

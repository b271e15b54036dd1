namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>medae</c>: scikit-learn <c>median_absolute_error</c> (<c>np.median(|p - y|)</c>; the mean of the two middle
/// values when the count is even). Params: <c>reduce</c>. Selection is linear-time on one scratch buffer.
/// </summary>
internal sealed class MedianAbsoluteErrorMetric(MetricParameters parameters) : IMetric
{
    private readonly ColumnReduction _reduction = parameters.RequireKnown("medae", "reduce").Reduction();

    public string Family => "medae";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        var rows = input.RowCount;
        var flatten = _reduction == ColumnReduction.Flatten;
        var errors = new double[flatten ? (long)rows * input.Truth.Count : rows];
        var columnScores = 0.0;
        for (var column = 0; column < input.Truth.Count; column++)
        {
            var t = input.Truth[column].FiniteNumbers();
            var p = input.Prediction[column].FiniteNumbers();
            var offset = flatten ? column * rows : 0;
            for (var i = 0; i < rows; i++)
                errors[offset + i] = Math.Abs(p[i] - t[i]);
            if (!flatten) columnScores += Median(errors);
        }
        return flatten ? Median(errors) : columnScores / input.Truth.Count;
    }

    private static double Median(double[] values)
    {
        var middle = values.Length / 2;
        var upper = Selection.NthSmallest(values, middle);
        if (values.Length % 2 == 1) return upper;
        // After selecting index `middle`, every value left of it is <= upper: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < middle; i++) lower = Math.Max(lower, values[i]);
        return (lower + upper) / 2;
    }
}

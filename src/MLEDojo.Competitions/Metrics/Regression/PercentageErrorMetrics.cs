namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>mape</c>: scikit-learn <c>mean_absolute_percentage_error</c>, <c>|y - p| / max(|y|, eps)</c> with eps the
/// float64 machine epsilon (so a zero truth gives a huge but finite loss, as in scikit-learn), returned as a
/// fraction, not a percentage. Params: <c>reduce</c>.
/// </summary>
internal sealed class MapeMetric(MetricParameters parameters)
    : ElementwiseErrorMetric("mape", parameters.RequireKnown("mape", "reduce").Reduction())
{
    protected override void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses)
    {
        var t = truth.FiniteNumbers();
        var p = prediction.FiniteNumbers();
        for (var i = 0; i < losses.Length; i++)
            losses[i] = Math.Abs(t[i] - p[i]) / Math.Max(Math.Abs(t[i]), MachineEpsilon);
    }

    // np.finfo(np.float64).eps; .NET's double.Epsilon is the smallest subnormal, not this.
    internal const double MachineEpsilon = 2.220446049250313e-16;
}

/// <summary>
/// <c>rmspe</c>: <c>sqrt(mean(((y - p) / y)²))</c>, Kaggle's root mean squared percentage error. Params:
/// <c>reduce</c>; <c>zero_truth</c>: <c>skip</c> (rows whose truth is 0 are left out, as Kaggle's Rossmann
/// scorer does) or <c>error</c> (default: such a row makes the answer unscorable).
/// </summary>
internal sealed class RmspeMetric : IMetric
{
    private readonly bool _skipZeroTruth;
    private readonly ColumnReduction _reduction;

    public RmspeMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(Family, "reduce", "zero_truth");
        _reduction = parameters.Reduction();
        _skipZeroTruth = parameters.Choice("zero_truth", "error", "error", "skip") == "skip";
    }

    public string Family => "rmspe";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        var losses = new double[input.RowCount];
        double columnScores = 0, lossTotal = 0;
        long countTotal = 0;
        for (var column = 0; column < input.Truth.Count; column++)
        {
            var truth = input.Truth[column];
            var t = truth.FiniteNumbers();
            var p = input.Prediction[column].FiniteNumbers();
            var count = 0;
            for (var i = 0; i < t.Length; i++)
            {
                if (t[i] == 0)
                {
                    if (_skipZeroTruth) continue;
                    throw truth.Problem($"Column '{truth.Name}' is 0 at row {i + 1}; {Family} divides by the true value.");
                }
                var ratio = (t[i] - p[i]) / t[i];
                losses[count++] = ratio * ratio;
            }
            if (count == 0)
                throw new CompetitionDataException($"Column '{truth.Name}' has no non-zero true value; {Family} is undefined.");
            var sum = NumpySum.Sum(losses.AsSpan(0, count));
            columnScores += Math.Sqrt(sum / count);
            lossTotal += sum;
            countTotal += count;
        }
        return _reduction == ColumnReduction.ColumnMean ? columnScores / input.Truth.Count : Math.Sqrt(lossTotal / countTotal);
    }
}

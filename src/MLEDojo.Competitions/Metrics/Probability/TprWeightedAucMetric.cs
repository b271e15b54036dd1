namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>tpr_weighted_auc</c>: the ALASKA2-style weighted AUC as MLE-Dojo computes it. The ROC curve
/// (scikit-learn's points) is cut into TPR bands [t_i, t_{i+1}] (<c>tpr_thresholds</c>); in each band that holds
/// curve points, the FPR-over-TPR area is the trapezoid sum over the band's points, bracketed by (t_i, FPR of the
/// first point) and (t_{i+1}, FPR of the last point); the bands' areas are weighted (<c>weights</c>), divided by the
/// weights' sum, and the score is 1 minus that. One target column of two classes.
/// </summary>
public sealed class TprWeightedAucMetric : IMetric
{
    private readonly double[] _thresholds;
    private readonly double[] _weights;

    public TprWeightedAucMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("tpr_weighted_auc", "tpr_thresholds", "weights");
        var (thresholds, weights) = TprBands.Read(parameters);
        for (var i = 0; i < thresholds.Length; i++)
            if (!double.IsFinite(thresholds[i]) || (i > 0 && thresholds[i] <= thresholds[i - 1]))
                throw new ArgumentException("'tpr_thresholds' must be finite and strictly increasing.");
        if (weights.Any(w => !double.IsFinite(w)) || weights.Sum() == 0)
            throw new ArgumentException("'weights' must be finite numbers with a non-zero sum.");
        _thresholds = thresholds;
        _weights = weights;
    }

    public string Family => "tpr_weighted_auc";

    public double Evaluate(MetricInput input)
    {
        SingleTarget.Require(input, "tpr_weighted_auc", "the weighted AUC");
        var target = BinaryTarget.Read(input.Truth[0]);
        if (target.Problem is not null)
            throw new CompetitionDataException($"The weighted AUC is undefined because the {target.Problem}.");
        var curve = RocCurve.Compute(target.IsPositive!, input.Prediction[0].FiniteNumbers());
        var fpr = curve.FalsePositiveRates;
        var tpr = curve.TruePositiveRates;

        double weighted = 0;
        for (var band = 0; band < _weights.Length; band++)
        {
            var low = _thresholds[band];
            var high = _thresholds[band + 1];
            var start = SearchSorted.Left(tpr, low);
            var end = SearchSorted.Right(tpr, high);
            if (start >= end) continue;
            // np.trapz(y=fpr, x=tpr) over [low] + tpr[start:end] + [high] with the FPRs of the band's end points.
            var area = new CompensatedSum();
            double previousX = low, previousY = fpr[start];
            for (var k = start; k <= end; k++)
            {
                var x = k < end ? tpr[k] : high;
                var y = k < end ? fpr[k] : fpr[end - 1];
                area.Add((x - previousX) * (y + previousY) / 2.0);
                previousX = x;
                previousY = y;
            }
            weighted += _weights[band] * area.Sum;
        }
        double totalWeight = 0;
        foreach (var w in _weights) totalWeight += w;
        return 1 - weighted / totalWeight;
    }
}

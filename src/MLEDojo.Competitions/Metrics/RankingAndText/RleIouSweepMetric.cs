namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// tgs-salt's score over one target column: each row's masks (1-based runs on a <c>height</c>×<c>width</c> image,
/// decoded with numpy slice semantics) give an IoU (1.0 when both are empty); the row scores the share of
/// <c>thresholds</c> that the IoU reaches (≥), and the result is the mean over rows.
/// </summary>
public sealed class RleIouSweepMetric : IMetric
{
    public const string FamilyName = "rle_iou_sweep";

    private readonly long _pixelCount;
    private readonly double[] _thresholds;

    public RleIouSweepMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "height", "width", "thresholds");
        _pixelCount = (long)parameters.PositiveInt("height", null) * parameters.PositiveInt("width", null);
        _thresholds = parameters.RequiredDoubles("thresholds", "a list of IoU thresholds");
        if (_thresholds.Length == 0 || _thresholds.Any(t => !double.IsFinite(t)))
            throw new ArgumentException("Parameter 'thresholds' must be a non-empty list of finite numbers.");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        var mean = new CompensatedSum();
        RunLengthRows.ForEach(input, FamilyName, RunLengthRules.NumpySlices, _pixelCount, predictionFirst: false, (answer, predicted) =>
        {
            var common = answer.CountCommon(predicted);
            var union = answer.PixelCount + predicted.PixelCount - common;
            var iou = union == 0 ? 1.0 : (double)common / union;
            var reached = 0;
            foreach (var threshold in _thresholds)
                if (iou >= threshold) reached++;
            mean.Add((double)reached / _thresholds.Length);
        });
        return mean.Mean;
    }
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// scikit-learn's <c>matthews_corrcoef</c> (the multiclass R_K form, which equals the binary MCC for two classes),
/// with its float64 sums; 0 when either side has a single class, as scikit-learn returns.
/// </summary>
public sealed class MatthewsCorrelationMetric : IMetric
{
    public MatthewsCorrelationMetric(MetricParameters parameters) => parameters.RequireKnown("mcc");

    public string Family => "mcc";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var labels = ClassLabels.Build(input.Truth[0], input.Prediction[0]);
        var counts = ClassCounts.FromLabels(labels);
        double samples = labels.Truth.Length;
        var correct = NumpySum.Sum(counts.TruePositives);
        double truthDotPrediction = 0, predictionDotPrediction = 0, truthDotTruth = 0;
        for (var k = 0; k < counts.ClassCount; k++)
        {
            truthDotPrediction += counts.Actual[k] * counts.Predicted[k];
            predictionDotPrediction += counts.Predicted[k] * counts.Predicted[k];
            truthDotTruth += counts.Actual[k] * counts.Actual[k];
        }
        var covariance = correct * samples - truthDotPrediction;
        var predictionVariance = samples * samples - predictionDotPrediction;
        var truthVariance = samples * samples - truthDotTruth;
        if (predictionVariance * truthVariance == 0) return 0.0;
        return covariance / Math.Sqrt(truthVariance * predictionVariance);
    }
}

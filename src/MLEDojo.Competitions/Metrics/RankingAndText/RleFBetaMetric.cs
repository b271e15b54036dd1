namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean per-row F-beta between run-length encoded pixel sets, over one target column (vesuvius ink detection).
/// Precision and recall are 1.0 when their denominator is 0, and the row scores 0 when β²·precision + recall is 0.
/// Runs must have start and length of at least 1 and must not overlap.
/// </summary>
public sealed class RleFBetaMetric : IMetric
{
    public const string FamilyName = "rle_fbeta";

    private readonly double _betaSquared;

    public RleFBetaMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "beta");
        var beta = parameters.FiniteDouble("beta", 1.0);
        if (beta <= 0) throw new ArgumentException($"Parameter 'beta' must be positive, not {beta}.");
        _betaSquared = Math.Pow(beta, 2);
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        var mean = new CompensatedSum();
        RunLengthRows.ForEach(input, FamilyName, RunLengthRules.StrictPixelSet, pixelCount: 0, predictionFirst: false, (answer, predicted) =>
        {
            var truePositives = answer.CountCommon(predicted);
            var falsePositives = predicted.PixelCount - truePositives;
            var falseNegatives = answer.PixelCount - truePositives;
            var precision = truePositives + falsePositives > 0 ? (double)truePositives / (truePositives + falsePositives) : 1.0;
            var recall = truePositives + falseNegatives > 0 ? (double)truePositives / (truePositives + falseNegatives) : 1.0;
            var denominator = _betaSquared * precision + recall;
            mean.Add(denominator > 0 ? (1 + _betaSquared) * precision * recall / denominator : 0.0);
        });
        return mean.Mean;
    }
}

namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean Dice coefficient 2|A ∩ B| / (|A| + |B|) between run-length encoded pixel sets, over one target column
/// (hubmap-kidney-segmentation). A row where both masks are empty scores <c>both_empty</c> (default 1.0).
/// </summary>
public sealed class RleDiceMetric : IMetric
{
    public const string FamilyName = "rle_dice";

    private readonly double _bothEmptyScore;

    public RleDiceMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "both_empty");
        _bothEmptyScore = parameters.UnitInterval("both_empty", 1.0);
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        var mean = new CompensatedSum();
        RunLengthRows.ForEach(input, FamilyName, RunLengthRules.PixelSet, pixelCount: 0, predictionFirst: true, (answer, predicted) =>
        {
            var total = answer.PixelCount + predicted.PixelCount;
            mean.Add(total == 0 ? _bothEmptyScore : 2.0 * answer.CountCommon(predicted) / total);
        });
        return mean.Mean;
    }
}

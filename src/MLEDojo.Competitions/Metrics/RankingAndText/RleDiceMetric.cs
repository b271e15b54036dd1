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
        _bothEmptyScore = parameters.FiniteDouble("both_empty", 1.0);
        if (_bothEmptyScore is < 0 or > 1)
            throw new ArgumentException($"Parameter 'both_empty' must be between 0 and 1, not {_bothEmptyScore}.");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var answerMask = new RunLengthMask(RunLengthRules.PixelSet);
        var predictedMask = new RunLengthMask(RunLengthRules.PixelSet);
        var mean = new CompensatedSum();
        for (var row = 0; row < answers.Length; row++)
        {
            // The submission is validated first upstream, so its errors win over the answer's.
            predictedMask.DecodeOrThrow(prediction, predictions[row], row);
            answerMask.DecodeOrThrow(truth, answers[row], row);
            var total = answerMask.PixelCount + predictedMask.PixelCount;
            mean.Add(total == 0 ? _bothEmptyScore : 2.0 * answerMask.CountCommon(predictedMask) / total);
        }
        return mean.Mean;
    }
}

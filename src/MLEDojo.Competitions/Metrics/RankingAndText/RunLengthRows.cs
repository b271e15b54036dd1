namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// The row loop every run-length family shares: one target column, each row's answer and predicted cells decoded
/// into two reused masks, then handed to the family's per-row score.
/// </summary>
internal static class RunLengthRows
{
    /// <param name="predictionFirst">Decode the submission before the answer, where upstream validates it first,
    /// so that its errors win when both cells are bad.</param>
    public static void ForEach(
        MetricInput input, string family, RunLengthRules rules, long pixelCount, bool predictionFirst,
        Action<RunLengthMask, RunLengthMask> score)
    {
        MetricGuard.Require(input, family, 1);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var answerMask = new RunLengthMask(rules, pixelCount);
        var predictedMask = new RunLengthMask(rules, pixelCount);
        for (var row = 0; row < answers.Length; row++)
        {
            if (predictionFirst) predictedMask.DecodeOrThrow(prediction, predictions[row], row);
            answerMask.DecodeOrThrow(truth, answers[row], row);
            if (!predictionFirst) predictedMask.DecodeOrThrow(prediction, predictions[row], row);
            score(answerMask, predictedMask);
        }
    }
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>The input check of the probability families defined on one target column.</summary>
internal static class SingleTarget
{
    /// <param name="score">The score's name as the message reads it ("the weighted AUC").</param>
    public static void Require(MetricInput input, string family, string score)
    {
        if (input.Truth.Count != 1)
            throw new CompetitionDataException($"The {family} metric scores exactly one target column, not {input.Truth.Count}.");
        if (input.RowCount == 0) throw new CompetitionDataException($"The answer has no rows, so {score} is undefined.");
    }
}

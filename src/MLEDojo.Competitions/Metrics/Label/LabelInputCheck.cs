namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Input checks shared by the label families before scoring.</summary>
internal static class LabelInputCheck
{
    public static void RequireRows(MetricInput input, string family)
    {
        if (input.Truth.Count == 0)
            throw new CompetitionDataException($"Family '{family}' needs at least one target column.");
        if (input.RowCount == 0)
            throw new CompetitionDataException($"The answer has no rows; '{family}' cannot score an empty test set.");
    }

    public static void RequireSingleColumn(MetricInput input, string family)
    {
        RequireRows(input, family);
        if (input.Truth.Count != 1)
            throw new CompetitionDataException(
                $"Family '{family}' scores exactly one target column, but the catalog names {input.Truth.Count}: {string.Join(", ", input.TargetColumns)}.");
    }
}

namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>Checks every family in this group makes before scoring.</summary>
internal static class MetricGuard
{
    /// <summary>The catalog must give the family the number of target columns it reads, and there must be rows.</summary>
    public static void Require(MetricInput input, string family, int columns)
    {
        if (input.Truth.Count != columns)
            throw new CompetitionDataException(
                $"Metric family '{family}' reads {columns} target column(s), but the catalog gives {input.Truth.Count} ({string.Join(", ", input.TargetColumns)}).");
        RequireRows(input, family);
    }

    public static void RequireRows(MetricInput input, string family)
    {
        if (input.RowCount == 0)
            throw new CompetitionDataException($"Metric family '{family}' cannot score 0 rows: the answer file has no rows to compare against.");
    }
}

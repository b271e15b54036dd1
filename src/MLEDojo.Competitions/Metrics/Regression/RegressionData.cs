namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>Checks shared by every regression family before any arithmetic.</summary>
internal static class RegressionData
{
    /// <summary>Refuses inputs with no target column or no row: no score exists for them.</summary>
    public static void RequireRows(MetricInput input, string family)
    {
        if (input.Truth.Count == 0)
            throw new CompetitionDataException($"Metric '{family}' has no target column to score; check the catalog's target_columns.");
        if (input.RowCount == 0)
            throw new CompetitionDataException($"Metric '{family}' cannot score zero rows: the answer file has no data rows.");
    }

    /// <summary>Refuses entries whose target_columns name more than one column, for families defined on one.</summary>
    public static void RequireOneTarget(MetricInput input, string family)
    {
        if (input.Truth.Count != 1)
            throw new CompetitionDataException($"Family '{family}' scores exactly one target column, got {input.Truth.Count}.");
    }
}

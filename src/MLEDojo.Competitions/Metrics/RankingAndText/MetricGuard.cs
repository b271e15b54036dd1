namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>Checks every family in this group makes before scoring, and the parameter checks of their constructors.</summary>
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

    /// <summary>Rejects parameter names the family does not know, so a typo in the catalog is caught at load time.</summary>
    public static void AllowOnly(MetricParameters parameters, string family, params string[] known)
    {
        foreach (var name in parameters.Names)
            if (!known.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"Unknown parameter '{name}' for family '{family}'. Known: {(known.Length == 0 ? "none" : string.Join(", ", known))}.");
    }

    public static string OneOf(MetricParameters parameters, string name, string fallback, params string[] allowed)
    {
        var value = parameters.GetString(name, fallback)!;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"Parameter '{name}' must be one of {string.Join(", ", allowed)}, not '{value}'.");
        return value;
    }

    public static int PositiveInt(MetricParameters parameters, string name, int? fallback)
    {
        if (!parameters.Has(name) && fallback is null)
            throw new ArgumentException($"Parameter '{name}' is required.");
        var value = parameters.GetDouble(name, fallback ?? 0);
        if (value < 1 || value != Math.Floor(value) || value > int.MaxValue)
            throw new ArgumentException($"Parameter '{name}' must be a positive integer, not {value}.");
        return (int)value;
    }

    public static double FiniteDouble(MetricParameters parameters, string name, double fallback)
    {
        var value = parameters.GetDouble(name, fallback);
        if (!double.IsFinite(value))
            throw new ArgumentException($"Parameter '{name}' must be a finite number, not {value}.");
        return value;
    }
}

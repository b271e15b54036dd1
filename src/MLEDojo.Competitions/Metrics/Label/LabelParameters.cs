namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Parameter checks shared by the label families: a misspelt parameter must fail loudly, not be ignored.</summary>
internal static class LabelParameters
{
    public static void RequireKnown(MetricParameters parameters, string family, params string[] known)
    {
        var unknown = parameters.Names.Where(n => !known.Contains(n, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Family '{family}' does not take parameter(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"it takes {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => $"'{k}'")))}.");
    }

    public static string Choice(MetricParameters parameters, string name, string fallback, params string[] allowed)
    {
        var value = parameters.GetString(name, fallback)!;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"Parameter '{name}' is '{value}'; allowed: {string.Join(", ", allowed)}.");
        return value;
    }

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

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>Constructor-time checks shared by the probability families, so a catalog typo fails loudly at start-up.</summary>
internal static class ParameterCheck
{
    public static void OnlyKnown(MetricParameters parameters, string family, params string[] known)
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

    /// <summary>An optional number; null when absent or JSON null.</summary>
    public static double? OptionalNumber(MetricParameters parameters, string name)
    {
        if (!parameters.Has(name) || parameters.GetString(name) is null) return null;
        double value;
        try
        {
            value = parameters.GetDouble(name, double.NaN);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"Parameter '{name}' must be a number, not {parameters.GetString(name)}.", e);
        }
        if (!double.IsFinite(value))
            throw new ArgumentException($"Parameter '{name}' must be a finite number.");
        return value;
    }

    public static bool Flag(MetricParameters parameters, string name)
    {
        if (!parameters.Has(name) || parameters.GetString(name) is null) return false;
        var text = parameters.GetString(name);
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new ArgumentException($"Parameter '{name}' must be true or false, not {text}."),
        };
    }
}

using System.Globalization;

namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// Strict reads of a family's catalog parameters, shared by every family group: a misspelt name or a value
/// outside the allowed set is an <see cref="ArgumentException"/> at construction, so a catalog typo fails
/// loudly at start-up instead of scoring wrongly. <see cref="MetricFamilies.Create"/> adds the family name.
/// </summary>
internal static class MetricParameterChecks
{
    /// <summary>Refuses names outside <paramref name="known"/>; returns <paramref name="parameters"/> so reads can follow.</summary>
    public static MetricParameters RequireKnown(this MetricParameters parameters, string family, params string[] known)
    {
        var unknown = parameters.Names.Where(n => !known.Contains(n, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Family '{family}' does not take parameter(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"it takes {(known.Length == 0 ? "none" : string.Join(", ", known.Select(k => $"'{k}'")))}.");
        return parameters;
    }

    /// <summary>The parameter's text, which must be one of <paramref name="allowed"/>; absent or null gives <paramref name="fallback"/>.</summary>
    public static string Choice(this MetricParameters parameters, string name, string fallback, params string[] allowed)
    {
        var value = parameters.GetString(name, fallback)!;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException($"Parameter '{name}' must be one of {string.Join(", ", allowed)}, not '{value}'.");
        return value;
    }

    public static bool Flag(this MetricParameters parameters, string name, bool fallback)
    {
        var text = parameters.GetString(name);
        return text switch
        {
            null => fallback,
            "true" => true,
            "false" => false,
            _ => throw new ArgumentException($"Parameter '{name}' must be true or false, not {text}."),
        };
    }

    /// <summary>A finite number, or null when the parameter is absent or JSON null.</summary>
    public static double? OptionalNumber(this MetricParameters parameters, string name)
    {
        var text = parameters.GetString(name);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ArgumentException($"Parameter '{name}' must be a finite number, not {text}.");
        return value;
    }

    public static double FiniteDouble(this MetricParameters parameters, string name, double fallback)
    {
        var value = parameters.GetDouble(name, fallback);
        if (!double.IsFinite(value))
            throw new ArgumentException($"Parameter '{name}' must be a finite number, not {value}.");
        return value;
    }

    /// <summary>A finite number in [0, 1], such as a score or a mixing weight.</summary>
    public static double UnitInterval(this MetricParameters parameters, string name, double fallback)
    {
        var value = parameters.FiniteDouble(name, fallback);
        if (value is < 0 or > 1)
            throw new ArgumentException($"Parameter '{name}' must be between 0 and 1, not {value}.");
        return value;
    }

    /// <summary>A required JSON array of numbers; <paramref name="description"/> says what it lists.</summary>
    public static double[] RequiredDoubles(this MetricParameters parameters, string name, string description) =>
        parameters.GetDoubles(name) ?? throw new ArgumentException($"Parameter '{name}' ({description}) is required.");

    /// <summary>A required JSON array of strings; <paramref name="description"/> says what it lists.</summary>
    public static string[] RequiredStrings(this MetricParameters parameters, string name, string description) =>
        parameters.GetStrings(name) ?? throw new ArgumentException($"Parameter '{name}' ({description}) is required.");

    /// <summary>A whole number of at least 1; with no <paramref name="fallback"/> the parameter is required.</summary>
    public static int PositiveInt(this MetricParameters parameters, string name, int? fallback)
    {
        if (!parameters.Has(name) && fallback is null)
            throw new ArgumentException($"Parameter '{name}' is required.");
        var value = parameters.GetDouble(name, fallback ?? 0);
        if (value < 1 || value != Math.Floor(value) || value > int.MaxValue)
            throw new ArgumentException($"Parameter '{name}' must be a positive integer, not {value}.");
        return (int)value;
    }

    /// <summary>A non-empty text value such as a column name; with no <paramref name="fallback"/> the parameter is required.</summary>
    public static string Text(this MetricParameters parameters, string name, string? fallback = null)
    {
        var value = parameters.GetString(name, fallback);
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"Parameter '{name}' is required (a column name).");
        return value;
    }
}

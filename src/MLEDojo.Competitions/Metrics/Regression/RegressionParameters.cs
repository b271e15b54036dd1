using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// Reads a family's catalog parameters strictly: a name the family does not know, or a value outside the
/// allowed set, is an <see cref="ArgumentException"/> so a catalog typo fails loudly instead of scoring wrongly.
/// </summary>
internal sealed class RegressionParameters
{
    private readonly MetricParameters _parameters;
    private readonly string _family;

    public RegressionParameters(string family, MetricParameters parameters, params string[] knownNames)
    {
        _family = family;
        _parameters = parameters;
        var unknown = parameters.Names.Where(name => !knownNames.Contains(name, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"Family '{family}' does not take parameter(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}; " +
                $"it takes {(knownNames.Length == 0 ? "none" : string.Join(", ", knownNames.Select(n => $"'{n}'")))}.");
    }

    public ColumnReduction Reduction => Choice("reduce", "column_mean", "column_mean", "flatten") switch
    {
        "flatten" => ColumnReduction.Flatten,
        _ => ColumnReduction.ColumnMean,
    };

    /// <summary>The parameter's value, which must be one of <paramref name="allowed"/>.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = _parameters.GetString(name, fallback)!;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new ArgumentException(
                $"Family '{_family}' parameter '{name}' is '{value}'; allowed: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.");
        return value;
    }

    public bool Flag(string name, bool fallback)
    {
        if (!_parameters.Has(name)) return fallback;
        var text = _parameters.GetString(name);
        if (text is null) return fallback;
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw new ArgumentException($"Family '{_family}' parameter '{name}' must be true or false, not {text}."),
        };
    }

    /// <summary>A non-empty text value (a column name); with no <paramref name="fallback"/> the parameter is required.</summary>
    public string Text(string name, string? fallback = null)
    {
        var value = _parameters.GetString(name, fallback);
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"Family '{_family}' needs parameter '{name}' (a column name).");
        return value;
    }

    /// <summary>A finite number, or null when the parameter is absent or null.</summary>
    public double? OptionalNumber(string name)
    {
        var text = _parameters.GetString(name);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new ArgumentException($"Family '{_family}' parameter '{name}' must be a finite number, not {text}.");
        return value;
    }
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Forwards to <see cref="MetricParameterChecks"/> for <c>AucMetric</c> only, which is being changed on another
/// branch; once that lands, call the shared checks there and delete this file.
/// </summary>
internal static class ParameterCheck
{
    public static void OnlyKnown(MetricParameters parameters, string family, params string[] known) =>
        parameters.RequireKnown(family, known);

    public static string OneOf(MetricParameters parameters, string name, string fallback, params string[] allowed) =>
        parameters.Choice(name, fallback, allowed);

    public static double? OptionalNumber(MetricParameters parameters, string name) => parameters.OptionalNumber(name);

    public static bool Flag(MetricParameters parameters, string name) => parameters.Flag(name, false);
}

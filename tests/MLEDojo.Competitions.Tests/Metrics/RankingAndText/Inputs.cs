using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>Builds metrics and inputs for the family tests.</summary>
internal static class Inputs
{
    public static IMetric Metric(string family, string parameters = "{}") =>
        MetricFamilies.Create(family, MetricParameters.Parse(parameters));

    public static double Score(string family, string parameters, string?[] truth, string?[] prediction) =>
        Metric(family, parameters).Evaluate(MetricInput.FromTexts(truth, prediction));

    public static MetricInput Columns(IReadOnlyList<MetricColumn> truth, IReadOnlyList<MetricColumn> prediction) =>
        new(truth, prediction, MetricParameters.Empty);

    public static MetricColumn Truth(string name, params string?[] values) => MetricColumn.FromTexts(name, values);

    public static MetricColumn Predicted(string name, params string?[] values) => MetricColumn.FromTexts(name, values, isSubmission: true);

    public static MetricColumn TruthNumbers(string name, params double[] values) => MetricColumn.FromNumbers(name, values);

    public static MetricColumn PredictedNumbers(string name, params double[] values) => MetricColumn.FromNumbers(name, values, isSubmission: true);
}

using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

/// <summary>Builds regression metrics and inputs the way the scorer does, and compares scores to Python's.</summary>
internal static class RegressionAssert
{
    public static IMetric Metric(string family, string parametersJson = "{}") =>
        MetricFamilies.Create(family, MetricParameters.Parse(parametersJson));

    public static double Score(string family, double[] truth, double[] prediction, string parametersJson = "{}") =>
        Metric(family, parametersJson).Evaluate(MetricInput.FromNumbers(truth, prediction));

    /// <summary>An input with one numeric column per array, named c0, c1, ...</summary>
    public static MetricInput Columns(double[][] truth, double[][] prediction) =>
        new(truth.Select((values, j) => MetricColumn.FromNumbers($"c{j}", values)).ToArray(),
            prediction.Select((values, j) => MetricColumn.FromNumbers($"c{j}", values, isSubmission: true)).ToArray(),
            MetricParameters.Empty);

    /// <summary>Relative tolerance 1e-9, the project's bar for reproducing MLE-Dojo's raw scores.</summary>
    public static void Close(double expected, double actual)
    {
        var tolerance = 1e-9 * Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Expected {expected:R}, got {actual:R}.");
    }
}

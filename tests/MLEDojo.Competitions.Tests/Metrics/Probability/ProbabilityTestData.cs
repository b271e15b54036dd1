using System.Globalization;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>Builds metric inputs the way the scorer would, and compares scores with a relative tolerance.</summary>
internal static class ProbabilityTestData
{
    public const double RelativeTolerance = 1e-12;

    /// <summary>A column typed as pandas would: numeric when every cell parses, text otherwise.</summary>
    public static MetricColumn Column(string name, string[] cells, bool isSubmission)
    {
        var numbers = new double[cells.Length];
        for (var i = 0; i < cells.Length; i++)
            if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                return MetricColumn.FromTexts(name, cells, isSubmission);
        return MetricColumn.FromNumbers(name, numbers, isSubmission);
    }

    public static MetricInput Input(string[] names, string[][] truth, string[][] prediction) =>
        new(names.Select((n, j) => Column(n, truth[j], false)).ToArray(),
            names.Select((n, j) => Column(n, prediction[j], true)).ToArray(),
            MetricParameters.Empty);

    public static MetricInput Numbers(double[][] truth, double[][] prediction)
    {
        var names = Enumerable.Range(0, truth.Length).Select(j => $"c{j}").ToArray();
        return new(names.Select((n, j) => MetricColumn.FromNumbers(n, truth[j])).ToArray(),
            names.Select((n, j) => MetricColumn.FromNumbers(n, prediction[j], isSubmission: true)).ToArray(),
            MetricParameters.Empty);
    }

    public static void AssertClose(double expected, double actual, double relativeTolerance = RelativeTolerance)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= relativeTolerance * scale,
            $"expected {expected:R}, got {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2})");
    }
}

using System.Globalization;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>Builds metric inputs from CSV cells, typing each column the way pandas' read_csv would.</summary>
internal static class LabelColumns
{
    public static MetricColumn Column(string name, string?[] cells, bool isSubmission)
    {
        var present = cells.Where(c => !string.IsNullOrEmpty(c)).ToArray();
        if (present.Length > 0 && present.All(c => c is "True" or "False"))
            return MetricColumn.FromNumbers(name, cells.Select(c => string.IsNullOrEmpty(c) ? double.NaN : c == "True" ? 1.0 : 0.0).ToArray(), isSubmission, isBoolean: true);
        if (present.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) && present.Length > 0)
            return MetricColumn.FromNumbers(
                name,
                cells.Select(c => string.IsNullOrEmpty(c) ? double.NaN : double.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                isSubmission,
                isInteger: present.All(c => !c!.Contains('.') && !c.Contains('e', StringComparison.OrdinalIgnoreCase)));
        return MetricColumn.FromTexts(name, cells.Select(c => string.IsNullOrEmpty(c) ? null : c).ToArray(), isSubmission);
    }

    public static MetricInput Input(string?[] truth, string?[] prediction, string name = "target") =>
        new([Column(name, truth, false)], [Column(name, prediction, true)], MetricParameters.Empty);

    public static MetricInput Numbers(double[] truth, double[] prediction) => MetricInput.FromNumbers(truth, prediction);

    public static MetricParameters Parameters(string json) => MetricParameters.Parse(json);

    public static void AssertClose(double expected, double actual, double relative = 1e-12)
    {
        if (expected == actual) return;
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) / scale <= relative, $"Expected {expected:R}, got {actual:R}.");
    }
}

using System.Diagnostics;
using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>A million rows must score in well under a second per family (generous bounds: the build machine is shared).</summary>
public class LabelScaleTests
{
    private const int Rows = 1_000_000;

    private static (double[] Truth, double[] Prediction) Labels()
    {
        var truth = new double[Rows];
        var prediction = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            truth[i] = i * 7919L % 1000;
            prediction[i] = i % 3 == 0 ? (truth[i] + 1) % 1000 : truth[i];
        }
        return (truth, prediction);
    }

    [Theory]
    [InlineData("accuracy", "{}", 2.0 / 3)]
    [InlineData("f1", """{"average": "macro"}""", double.NaN)]
    [InlineData("cohen_kappa", """{"weights": "quadratic"}""", double.NaN)]
    [InlineData("mcc", "{}", double.NaN)]
    public void MillionNumericRows(string family, string parameters, double expected)
    {
        var (truth, prediction) = Labels();
        var metric = MetricFamilies.Create(family, Parameters(parameters));
        var watch = Stopwatch.StartNew();
        var score = metric.Evaluate(MetricInput.FromNumbers(truth, prediction));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{family} took {watch.Elapsed}.");
        Assert.True(double.IsFinite(score));
        if (!double.IsNaN(expected)) AssertClose(expected, score, 1e-6);
    }

    [Fact]
    public void MillionTokenSetRows()
    {
        var truth = new string?[Rows];
        var prediction = new string?[Rows];
        for (var i = 0; i < Rows; i++)
        {
            truth[i] = $"t{i % 5000} t{(i + 1) % 5000}";
            prediction[i] = $"t{i % 5000} x{i % 7}";
        }
        var input = new MetricInput(
            [MetricColumn.FromTexts("matches", truth)], [MetricColumn.FromTexts("matches", prediction, isSubmission: true)], MetricParameters.Empty);
        var watch = Stopwatch.StartNew();
        AssertClose(0.5, MetricFamilies.Create("mean_set_f1", MetricParameters.Empty).Evaluate(input));
        AssertClose(0.5, MetricFamilies.Create("f1", Parameters("""{"average": "samples", "multilabel_separator": " "}""")).Evaluate(input));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}.");
    }
}

using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

// Expected values come from scipy 1.10.1 pearsonr / spearmanr / kendalltau (Debian's /usr/bin/python3).
public class CorrelationFamilyTests
{
    private static readonly double[] TiedTruth = [1, 2, 2, 3, 4, 4, 4, 5];
    private static readonly double[] TiedPrediction = [1, 1, 2, 3, 3, 5, 4, 6];

    [Theory]
    [InlineData("pearson", 0.925037978867968)]
    [InlineData("spearman", 0.9380510627004297)]
    [InlineData("kendall", 0.8807048459279794)]
    public void Ties_are_handled_as_scipy_does(string family, double expected) =>
        Close(expected, Score(family, TiedTruth, TiedPrediction));

    [Fact]
    public void Pearson_matches_pearsonr() =>
        Close(0.9819575688090169, Score("pearson", [3, -0.5, 2, 7, 4.2, 0, 1.5], [2.5, 0.0, 2, 8, 3.9, 0.3, 1.2]));

    [Theory]
    [InlineData("pearson", 1_000, 0.7201387454680652)]
    [InlineData("spearman", 1_000, 0.7145325435781327)]
    [InlineData("kendall", 1_000, 0.5168679636160488)]
    [InlineData("spearman", 1_000_000, 0.7047697376534473)]
    [InlineData("kendall", 1_000_000, 0.5044216798926131)]
    public void Many_tied_rows_match_scipy(string family, int rows, double expected)
    {
        var modulus = rows == 1_000 ? (101L, 97L) : (1009L, 997L);
        var truth = new double[rows];
        var prediction = new double[rows];
        for (long i = 0; i < rows; i++)
        {
            truth[i] = i * 7919 % modulus.Item1 / 10.0;
            prediction[i] = i * 7919 % modulus.Item1 + i * 104729 % modulus.Item2 + i % 5;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Close(expected, Score(family, truth, prediction));
        // Loose enough for a Debug build on a shared machine; a quadratic algorithm would take hours here.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{family} over {rows} rows took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData("column_mean", 0.974341649025257)]
    [InlineData("flatten", 0.9940297973880048)]
    public void Spearman_over_several_columns(string reduce, double expected) =>
        Close(expected, Metric("spearman", $$"""{"reduce": "{{reduce}}"}""").Evaluate(
            Columns([[1, 2, 3, 4], [10, 20, 33, 38]], [[1.5, 1.5, 3.5, 4], [12, 18, 30, 41]])));

    [Theory]
    [InlineData("pearson")]
    [InlineData("spearman")]
    [InlineData("kendall")]
    public void Constant_prediction_is_an_invalid_submission_by_default(string family)
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score(family, [1, 2, 3], [5, 5, 5]));
        Assert.Contains("undefined", error.Message);
    }

    [Fact]
    public void Constant_truth_blames_the_competition_data() =>
        Assert.Throws<CompetitionDataException>(() => Score("spearman", [5, 5, 5], [1, 2, 3]));

    [Fact]
    public void Undefined_correlation_can_count_as_zero() =>
        Assert.Equal(0.0, Score("spearman", [1, 2, 3], [5, 5, 5], """{"undefined": "zero"}"""));

    [Fact]
    public void Rows_with_an_empty_truth_are_dropped_when_asked()
    {
        // Without the dropped rows the prediction ranks match the truth exactly.
        var score = Score("spearman", [1, double.NaN, 2, 3], [10, double.NaN, 20, 30], """{"drop_missing_truth": true}""");
        Assert.Equal(1.0, score, 12);
    }

    [Fact]
    public void NaN_prediction_is_an_invalid_submission() =>
        Assert.Throws<InvalidSubmissionException>(() => Score("pearson", [1, 2, 3], [1, double.NaN, 3]));

    [Fact]
    public void Empty_input_is_refused_clearly() =>
        Assert.Throws<CompetitionDataException>(() => Score("kendall", [], []));

    [Fact]
    public void Unknown_parameter_is_rejected() =>
        Assert.Throws<CompetitionDataException>(() => Metric("pearson", """{"method": "exact"}"""));

    [Fact]
    public void Non_numeric_prediction_names_the_value()
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("score", [1, 2, 3])],
            [MetricColumn.FromTexts("score", ["0.1", "high", "0.3"], isSubmission: true)],
            MetricParameters.Empty);
        Assert.Contains("high", Assert.Throws<InvalidSubmissionException>(() => Metric("spearman").Evaluate(input)).Message);
    }
}

using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

// Expected values come from scikit-learn 1.2.1 / numpy 1.24 (Debian's /usr/bin/python3).
public class ErrorFamilyTests
{
    private static readonly double[] Truth = [3, -0.5, 2, 7, 4.2, 0, 1.5];
    private static readonly double[] Prediction = [2.5, 0.0, 2, 8, 3.9, 0.3, 1.2];
    private static readonly double[][] TruthColumns = [[1, 2, 3, 4], [10, 20, 33, 38]];
    private static readonly double[][] PredictionColumns = [[1.5, 1.5, 3.5, 4], [12, 18, 30, 41]];

    [Theory]
    [InlineData("mse", 0.2528571428571429)]
    [InlineData("rmse", 0.5028490259085155)]
    [InlineData("mae", 0.4142857142857143)]
    [InlineData("medae", 0.30000000000000027)]
    public void Single_column_errors_match_scikit_learn(string family, double expected) =>
        Close(expected, Score(family, Truth, Prediction));

    [Fact]
    public void Median_of_an_even_count_averages_the_two_middle_errors() =>
        Close(0.40000000000000013, Score("medae", Truth[..6], Prediction[..6]));

    [Theory]
    [InlineData("rmse", "column_mean", 1.4912612293443057)]
    [InlineData("rmse", "flatten", 1.8285923547909742)]
    [InlineData("mae", "column_mean", 1.4375)]
    [InlineData("mae", "flatten", 1.4375)]
    [InlineData("rmsle", "column_mean", 0.13480532026346115)]
    [InlineData("rmsle", "flatten", 0.13640730632074877)]
    [InlineData("medae", "column_mean", 1.5)]
    [InlineData("medae", "flatten", 1.25)]
    public void Several_columns_combine_by_the_reduce_parameter(string family, string reduce, double expected) =>
        Close(expected, Metric(family, $$"""{"reduce": "{{reduce}}"}""").Evaluate(Columns(TruthColumns, PredictionColumns)));

    [Fact]
    public void Perfect_predictions_score_zero()
    {
        foreach (var family in new[] { "mse", "rmse", "mae", "medae", "rmsle", "msle", "smape", "mape" })
            Assert.Equal(0.0, Score(family, [1, 2, 3], [1, 2, 3]));
    }

    [Fact]
    public void All_equal_predictions_are_scored_like_any_other()
    {
        Close(Math.Sqrt((4.0 + 1 + 0 + 1) / 4), Score("rmse", [1, 2, 3, 4], [3, 3, 3, 3]));
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("rmse")]
    [InlineData("mae")]
    [InlineData("medae")]
    [InlineData("rmsle")]
    [InlineData("smape")]
    [InlineData("mape")]
    [InlineData("rmspe")]
    [InlineData("r2")]
    public void NaN_prediction_is_an_invalid_submission_naming_the_row(string family)
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score(family, [1, 2, 3], [1, double.NaN, 3]));
        Assert.Contains("row 2", error.Message);
        Assert.Contains("'target'", error.Message);
    }

    [Theory]
    [InlineData("rmse")]
    [InlineData("mae")]
    [InlineData("rmsle")]
    public void Non_numeric_prediction_is_an_invalid_submission_quoting_the_value(string family)
    {
        var input = new MetricInput(
            [MetricColumn.FromNumbers("loss", [1, 2, 3])],
            [MetricColumn.FromTexts("loss", ["1", "abc", "3"], isSubmission: true)],
            MetricParameters.Empty);
        var error = Assert.Throws<InvalidSubmissionException>(() => Metric(family).Evaluate(input));
        Assert.Contains("abc", error.Message);
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Infinite_prediction_is_an_invalid_submission() =>
        Assert.Throws<InvalidSubmissionException>(() => Score("rmse", [1, 2], [1, double.PositiveInfinity]));

    [Fact]
    public void NaN_in_the_answer_blames_the_competition_data() =>
        Assert.Throws<CompetitionDataException>(() => Score("mae", [1, double.NaN], [1, 2]));

    [Theory]
    [InlineData("rmse")]
    [InlineData("mae")]
    [InlineData("medae")]
    [InlineData("rmsle")]
    [InlineData("smape")]
    [InlineData("r2")]
    [InlineData("rmspe")]
    public void Empty_input_is_refused_clearly(string family)
    {
        var error = Assert.Throws<CompetitionDataException>(() => Score(family, [], []));
        Assert.Contains("zero rows", error.Message);
    }

    [Theory]
    [InlineData("rmse", """{"reduce": "sum"}""")]
    [InlineData("mae", """{"weights": [1]}""")]
    [InlineData("rmsle", """{"negative": "maybe"}""")]
    [InlineData("rmsle", """{"clip_min": "low"}""")]
    [InlineData("smape", """{"zero_denominator": "nan"}""")]
    public void Invalid_parameters_are_rejected_when_the_metric_is_built(string family, string parameters)
    {
        var error = Assert.Throws<CompetitionDataException>(() => Metric(family, parameters));
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void A_million_rows_score_quickly_and_exactly()
    {
        const int n = 1_000_000;
        var truth = new double[n];
        var prediction = new double[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = (long)i * 7919 % 1009 / 10.0;
            prediction[i] = (long)i * 7919 % 1009 + (long)i * 104729 % 997 + i % 5;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Close(1030.0029270400448, Score("rmse", truth, prediction));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"rmse over a million rows took {watch.Elapsed}.");
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

public sealed class ExactMatchMetricTests
{
    [Fact]
    public void Accuracy_compares_texts_and_two_missing_cells_match()
    {
        Approx.Equal(0.75, Score("exact_match", """{"score": "accuracy"}""", ["a", "b", null, "d"], ["a", "B", null, "d"]));
    }

    [Fact]
    public void Error_rate_is_the_complement()
    {
        Approx.Equal(0.25, Score("exact_match", """{"score": "error_rate"}""", ["a", "b", null, "d"], ["a", "B", null, "d"]));
    }

    [Fact]
    public void Text_comparison_renders_numbers_like_pandas()
    {
        // An integer answer column prints "1"; a float prediction column prints "1.0": they never match.
        var input = Columns([TruthNumbers("after", 1, 2)], [MetricColumn.FromNumbers("after", [1.0, 2.5], isSubmission: true, isInteger: false)]);
        Assert.Equal(0.0, Metric("exact_match").Evaluate(input));
    }

    [Fact]
    public void Raw_comparison_follows_pandas_not_equal()
    {
        const string raw = """{"score": "error_rate", "compare": "raw"}""";
        Assert.Equal(0.25, Metric("exact_match", raw).Evaluate(Columns([TruthNumbers("p", 1, 2, 3, 4)], [PredictedNumbers("p", 1, double.NaN, 3, 4)])));
        Assert.Equal(1.0, Metric("exact_match", raw).Evaluate(Columns([TruthNumbers("p", 1, 2)], [Predicted("p", "1", "2")])));
        Assert.Equal(0.5, Metric("exact_match", raw).Evaluate(Columns([Truth("p", "a", null)], [Predicted("p", "a", null)])));
    }

    [Fact]
    public void First_token_takes_the_top_ranked_label()
    {
        const string top1 = """{"score": "error_rate", "first_token": true}""";
        Approx.Equal(0.5, Score("exact_match", top1, ["10", "20", "30", "40"], ["10 20", "21 20", "30", null]));
    }

    [Fact]
    public void First_token_of_a_blank_prediction_is_rejected()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() =>
            Score("exact_match", """{"first_token": true}""", ["10", "20"], ["10", "   "]));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void All_equal_predictions()
    {
        Approx.Equal(2.0 / 3, Score("exact_match", "{}", ["x", "x", "y"], ["x", "x", "x"]));
    }

    [Fact]
    public void Empty_input_and_bad_parameters()
    {
        Assert.Throws<CompetitionDataException>(() => Score("exact_match", "{}", [], []));
        Assert.Throws<ArgumentException>(() => new ExactMatchMetric(MetricParameters.Parse("""{"score": "f1"}""")));
        Assert.Throws<ArgumentException>(() => new ExactMatchMetric(MetricParameters.Parse("""{"compare": "raw", "first_token": true}""")));
        Assert.Throws<ArgumentException>(() => new ExactMatchMetric(MetricParameters.Parse("""{"k": 1}""")));
    }
}

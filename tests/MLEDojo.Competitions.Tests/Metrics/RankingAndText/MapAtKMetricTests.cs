using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

public sealed class MapAtKMetricTests
{
    private const string Single5 = """{"k": 5, "truth": "single"}""";
    private const string List12 = """{"k": 12, "truth": "list"}""";

    [Fact]
    public void Single_truth_scores_the_reciprocal_rank_of_the_first_hit()
    {
        Approx.Equal((1.0 + 0.5 + 1.0 / 3 + 0) / 4,
            Score("map_at_k", Single5, ["a", "b", "c", "d"], ["a x", "x b", "x y c", "x y z"]));
    }

    [Fact]
    public void Single_truth_ignores_hits_beyond_k_and_repeats()
    {
        Assert.Equal(0.0, Score("map_at_k", """{"k": 3, "truth": "single"}""", ["a"], ["x y z a"]));
        Assert.Equal(0.5, Score("map_at_k", Single5, ["a"], ["b a a a"]));
    }

    [Fact]
    public void Fewer_predictions_than_k_and_blank_or_missing_predictions_score_what_they_hold()
    {
        Assert.Equal(0.5, Score("map_at_k", Single5, ["a", "b"], ["a", "   "]));
        // A missing cell reads as Python's str(nan); it only matches an answer that is itself missing.
        Assert.Equal(0.5, Score("map_at_k", Single5, ["a", null], [null, null]));
    }

    [Fact]
    public void Strip_truth_trims_white_space_around_the_answer()
    {
        Assert.Equal(0.0, Score("map_at_k", Single5, [" a "], ["a"]));
        Assert.Equal(1.0, Score("map_at_k", """{"k": 5, "truth": "single", "strip_truth": true}""", [" a "], ["a"]));
    }

    [Fact]
    public void Numeric_columns_compare_as_pandas_prints_them()
    {
        var input = Columns([TruthNumbers("hotel_id", 11, 22)], [PredictedNumbers("hotel_id", 11, 23)]);
        Assert.Equal(0.5, Metric("map_at_k", Single5).Evaluate(input));
    }

    [Fact]
    public void List_truth_matches_kaggle_apk_including_its_repeat_quirk()
    {
        // truth {a,b,c}: hits at ranks 1 and 3 -> (1/1 + 2/3) / 3.
        Approx.Equal((1 + 2.0 / 3) / 3, Score("map_at_k", List12, ["a b c"], ["a x b"]));
        // A repeated prediction counts again (the H&M class has no "not seen before" check): (1/1 + 2/2) / 1.
        Assert.Equal(2.0, Score("map_at_k", List12, ["a"], ["a a"]));
        // A repeated answer item counts twice in the denominator.
        Assert.Equal(0.5, Score("map_at_k", List12, ["a a"], ["a"]));
    }

    [Fact]
    public void List_truth_caps_the_denominator_at_k()
    {
        Approx.Equal((1 + 1) / 2.0, Score("map_at_k", """{"k": 2}""", ["a b c d"], ["a b c d"]));
        Assert.Equal(0.0, Score("map_at_k", """{"k": 2}""", ["a b"], ["x y a b"]));
    }

    [Fact]
    public void A_separator_splits_like_python_keeping_empty_pieces()
    {
        // "b,,a".split(",") is ["b", "", "a"]: hits at ranks 1 and 3 -> (1/1 + 2/3) / 2.
        Approx.Equal((1 + 2.0 / 3) / 2, Score("map_at_k", """{"k": 3, "separator": ","}""", ["a,b"], ["b,,a"]));
        Assert.Equal(0.5, Score("map_at_k", """{"k": 3, "truth": "single", "separator": ";"}""", ["a b"], ["x;a b"]));
    }

    [Fact]
    public void All_equal_predictions_score_each_row_on_its_own()
    {
        Approx.Equal(1.0 / 3, Score("map_at_k", Single5, ["a", "b", "c"], ["a", "a", "a"]));
    }

    [Fact]
    public void Empty_input_is_a_data_error()
    {
        Assert.Throws<CompetitionDataException>(() => Score("map_at_k", Single5, [], []));
    }

    [Fact]
    public void Parameters_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("{}")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 0}""")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 2.5}""")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 5, "truth": "many"}""")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 5, "separator": ""}""")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 5, "sep": ","}""")));
        Assert.Throws<ArgumentException>(() => new MapAtKMetric(MetricParameters.Parse("""{"k": 5, "strip_truth": true}""")));
        Assert.Throws<CompetitionDataException>(() => Metric("map_at_k", """{"k": -1}"""));
    }

    [Fact]
    public void A_million_rows_score_quickly()
    {
        const int rows = 1_000_000;
        var truth = new string?[rows];
        var prediction = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            truth[i] = $"{i % 97}a {i % 89}b";
            prediction[i] = $"{i % 89}b x {i % 97}a y z 7 8 9 10 11 12 13";
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Approx.Equal((1 + 2.0 / 3) / 2, Score("map_at_k", List12, truth, prediction));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

public sealed class JaccardWordsMetricTests
{
    [Fact]
    public void Word_sets_ignore_case_repeats_and_spacing()
    {
        // {hello, world} vs {hello}: 1/2; {a, b, c} vs {c, d}: 1/4; identical after case folding: 1.
        Approx.Equal((0.5 + 0.25 + 1.0) / 3, Score("jaccard_words", "{}", ["Hello World", "a b c", "So  SAD"], ["hello hello", "c\td", "so sad"]));
    }

    [Fact]
    public void Both_empty_scores_the_configured_value()
    {
        Assert.Equal(1.0, Score("jaccard_words", "{}", ["  "], [" "]));
        Assert.Equal(0.0, Score("jaccard_words", """{"both_empty": 0.0}""", ["  "], [" "]));
        Assert.Equal(0.0, Score("jaccard_words", "{}", ["a"], [" "]));
    }

    [Fact]
    public void Missing_cells_read_as_nan_or_are_rejected()
    {
        Assert.Equal(1.0, Score("jaccard_words", "{}", [null], [null]));
        Assert.Equal(0.0, Score("jaccard_words", "{}", ["x"], [null]));
        var error = Assert.Throws<InvalidSubmissionException>(() => Score("jaccard_words", """{"missing": "reject"}""", ["x", "y"], ["x", null]));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Non_latin_words()
    {
        Approx.Equal(0.5, Score("jaccard_words", "{}", ["तमिल नाडु"], ["नाडु"]));
    }

    [Fact]
    public void Empty_input_and_bad_parameters()
    {
        Assert.Throws<CompetitionDataException>(() => Score("jaccard_words", "{}", [], []));
        Assert.Throws<ArgumentException>(() => new JaccardWordsMetric(MetricParameters.Parse("""{"both_empty": 2}""")));
        Assert.Throws<ArgumentException>(() => new JaccardWordsMetric(MetricParameters.Parse("""{"missing": "skip"}""")));
        Assert.Throws<ArgumentException>(() => new JaccardWordsMetric(MetricParameters.Parse("""{"lower": false}""")));
    }

    [Fact]
    public void A_million_rows_score_quickly()
    {
        const int rows = 1_000_000;
        var truth = new string?[rows];
        var prediction = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            truth[i] = "the quick brown fox " + i;
            prediction[i] = "The quick fox";
        }
        Approx.Equal(3.0 / 5, Score("jaccard_words", "{}", truth, prediction));
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

public class WeightedComponentRecallMetricTests
{
    private static readonly string[] RowIds =
    [
        "Test_0_consonant_diacritic", "Test_0_grapheme_root", "Test_0_vowel_diacritic",
        "Test_1_consonant_diacritic", "Test_1_grapheme_root", "Test_1_vowel_diacritic",
        "Test_2_consonant_diacritic", "Test_2_grapheme_root", "Test_2_vowel_diacritic",
        "Test_3_consonant_diacritic", "Test_3_grapheme_root", "Test_3_vowel_diacritic",
    ];

    private static readonly MetricParameters Bengali =
        Parameters("""{"components": ["grapheme_root", "consonant_diacritic", "vowel_diacritic"], "weights": [2, 1, 1]}""");

    private static MetricInput Input(string[] truth, string[] prediction) => new(
        [Column("row_id", RowIds, false), Column("target", truth, false)],
        [Column("row_id", RowIds, true), Column("target", prediction, true)],
        MetricParameters.Empty);

    [Fact]
    public void MatchesUpstreamBengaliEvaluate() =>
        // Upstream BengaliaiCv19Metrics.evaluate on the same frame.
        AssertClose(0.625, new WeightedComponentRecallMetric(Bengali).Evaluate(Input(
            ["0", "3", "0", "1", "93", "2", "0", "19", "0", "4", "3", "1"],
            ["0", "3", "0", "1", "92", "2", "1", "19", "0", "4", "3", "0"])));

    [Fact]
    public void ComponentIsTheTextAfterTheSecondUnderscore()
    {
        Assert.Equal("grapheme_root", WeightedComponentRecallMetric.ComponentOf("Test_0_grapheme_root").ToString());
        Assert.Equal("b", WeightedComponentRecallMetric.ComponentOf("a_b").ToString());
        Assert.Equal("plain", WeightedComponentRecallMetric.ComponentOf("plain").ToString());
    }

    [Fact]
    public void BadPredictionNamesItsRow()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => new WeightedComponentRecallMetric(Bengali).Evaluate(Input(
            ["0", "3", "0", "1", "93", "2", "0", "19", "0", "4", "3", "1"],
            ["0", "3", "0", "1", "92", "2", "1", "19", "0", "4", "x", "0"])));
        Assert.Contains("'x'", error.Message);
    }

    [Theory]
    [InlineData("""{"components": ["a", "b"], "weights": [1]}""")]
    [InlineData("""{"weights": [1]}""")]
    [InlineData("""{"components": ["a"], "weights": [0]}""")]
    public void RejectsBadParameters(string json) =>
        Assert.Throws<ArgumentException>(() => new WeightedComponentRecallMetric(Parameters(json)));
}

public class PointInBoxF1MetricTests
{
    private static double Score(string?[] truth, string?[] prediction) =>
        new PointInBoxF1Metric(MetricParameters.Empty).Evaluate(LabelColumns.Input(truth, prediction, "labels"));

    [Fact]
    public void MatchesUpstreamKuzushijiEvaluate() =>
        // Upstream KuzushijiRecognitionMetrics.evaluate: tp=2, fp=4, fn=2.
        AssertClose(0.4, Score(
            ["U+0041 10 10 20 20 U+0042 40 40 10 10 U+0041 100 100 5 5", null, "U+0043 0 0 10 10"],
            ["U+0041 15 15 U+0041 12 12 U+0042 50 45 U+0043 1 1", "U+0041 3 3", "U+0043 9.5 0"]));

    [Fact]
    public void NothingOnEitherSideScoresOne() => Assert.Equal(1.0, Score([null, null], [null, null]));

    [Fact]
    public void MalformedPredictionsAreInvalid()
    {
        Assert.Throws<InvalidSubmissionException>(() => Score(["U+0041 0 0 1 1"], ["U+0041 0"]));
        Assert.Throws<InvalidSubmissionException>(() => Score(["U+0041 0 0 1 1"], ["U+0041 zero 0"]));
        var tooMany = string.Join(' ', Enumerable.Repeat("U+0041 0 0", 1201));
        Assert.Throws<InvalidSubmissionException>(() => Score(["U+0041 0 0 1 1"], [tooMany]));
    }

    [Fact]
    public void MalformedAnswerIsACompetitionError() =>
        Assert.Throws<CompetitionDataException>(() => Score(["U+0041 0 0 1"], ["U+0041 0 0"]));
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>Expected values from running upstream NbmeScoreClinicalPatientNotesMetrics.evaluate on the same cells.</summary>
public class SpanMicroF1MetricTests
{
    private static double Score(string?[] truth, string?[] prediction) =>
        new SpanMicroF1Metric(MetricParameters.Empty).Evaluate(new MetricInput(
            [MetricColumn.FromTexts("location", truth)], [MetricColumn.FromTexts("location", prediction, isSubmission: true)], MetricParameters.Empty));

    [Fact]
    public void MatchesUpstreamOnListsPlainTextFallbacksAndMalformedSpans() =>
        AssertClose(0.5, Score(
            ["['696 724']", "['0 5', '3 8;20 25']", "[]", "10 20;30 40", "['5 9']", "['1 4']", "['0 3']", "['0 10']"],
            [
                "['690 700;710 730']",
                "0 4;22 30",
                "['1 2']",
                null,
                "[0 5;6 8;9 12]",                              // not a literal: read as text, only "6 8" is a span
                "['1 4'] extra",                               // not a list: read as text, no valid span
                "[['0 3'], '1 2', 5, (1,2), None]",            // only top-level strings count
                "-3 2;  8 7;x y;1 2 3;4 6 ; 7 9",              // negative start kept; reversed, non-numeric, three-part skipped
            ]));

    [Fact]
    public void EmptyEverywhereScoresOne() => Assert.Equal(1.0, Score(["[]", "[]"], [null, "[]"]));

    [Fact]
    public void StringEscapesAndAdjacentLiteralsAreDecoded() =>
        AssertClose(0.8333333333333334, Score(["['0 5']"], ["['0\\x20 5', \"1\" '0 12']"]));

    [Fact]
    public void HugeSpansStayCheap()
    {
        var score = Score(["0 1000000000000"], ["500000000000 2000000000000"]);
        AssertClose(2 * 500000000000.0 / (2 * 500000000000.0 + 1000000000000.0 + 500000000000.0), score);
    }

    [Fact]
    public void EmptyInputIsAClearError() => Assert.Throws<CompetitionDataException>(() => Score([], []));
}

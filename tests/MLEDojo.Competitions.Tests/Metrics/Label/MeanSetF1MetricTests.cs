using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

public class MeanSetF1MetricTests
{
    private static double Score(MetricInput input, string parameters = "{}") => new MeanSetF1Metric(Parameters(parameters)).Evaluate(input);

    [Fact]
    public void MatchesPythonSetF1()
    {
        // Rows: partial overlap, extra predicted token, both empty (1.0), duplicate predicted token counted once.
        var input = new MetricInput(
            [MetricColumn.FromTexts("matches", ["a b", "c", " ", "x y z"])],
            [MetricColumn.FromTexts("matches", ["a", "c d", " ", "y z z w"], isSubmission: true)],
            MetricParameters.Empty);
        AssertClose(0.7499999999999999, Score(input));
    }

    [Fact]
    public void NoOverlapScoresZero() => Assert.Equal(0.0, Score(Input(["a b"], ["c d"])));

    [Fact]
    public void EmptyCellIsInvalidWithoutCastButTheTokenNanWithIt()
    {
        Assert.Throws<InvalidSubmissionException>(() => Score(Input(["a", "b"], ["a", null])));
        AssertClose(0.5, Score(Input(["a", "b"], ["a", null]), """{"cast_to_text": true}"""));
        Assert.Equal(1.0, Score(Input(["nan"], [null]), """{"cast_to_text": true}"""));
    }

    [Fact]
    public void NumericPredictionColumnIsInvalidWithoutCast() =>
        Assert.Throws<InvalidSubmissionException>(() => Score(Input(["a", "b"], ["1", "2"])));

    [Fact]
    public void EmptyInputIsAClearError() => Assert.Throws<CompetitionDataException>(() => Score(Input([], [])));

    [Fact]
    public void RejectsUnknownParameters() => Assert.Throws<ArgumentException>(() => new MeanSetF1Metric(Parameters("""{"k": 3}""")));
}

public class NumpySumTests
{
    private static double[] Values(int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = i * 7919 % 1000 / 997.0 + 1.0 / (i + 3);
        return values;
    }

    [Fact]
    public void MeanIsBitExactWithNumpy()
    {
        // np.mean of the same values, printed with repr.
        Assert.Equal(0.5069904768926227, NumpySum.Mean(Values(1000)));
        Assert.Equal(0.5638342706448959, NumpySum.Mean(Values(37)));
    }
}

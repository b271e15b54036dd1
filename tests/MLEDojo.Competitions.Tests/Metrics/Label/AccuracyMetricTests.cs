using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

public class AccuracyMetricTests
{
    private static readonly double[] Truth = [0, 1, 2, 2, 1, 0, 1, 3];
    private static readonly double[] Prediction = [0, 2, 2, 2, 1, 1, 1, 0];

    private static double Score(MetricInput input, string parameters = "{}") =>
        new AccuracyMetric(Parameters(parameters)).Evaluate(input);

    [Fact]
    public void MatchesScikitLearnOnNumbers() => AssertClose(0.625, Score(Numbers(Truth, Prediction)));

    [Fact]
    public void TextLabelsCompareExactly() =>
        AssertClose(4.0 / 6, Score(Input(["cat", "dog", "cat", "bird", "dog", "cat"], ["cat", "cat", "cat", "bird", "dog", "fish"])));

    [Fact]
    public void BooleanAnswerMatchesOneAndZero() =>
        AssertClose(2.0 / 3, Score(Input(["True", "False", "True"], ["1", "0", "0"])));

    [Fact]
    public void WholeFloatsCountAsClassLabels() =>
        AssertClose(2.0 / 3, Score(Input(["0", "1", "0"], ["0.0", "1.0", "1.0"])));

    [Fact]
    public void AllEqualPredictions() => AssertClose(0.375, Score(Numbers(Truth, [1, 1, 1, 1, 1, 1, 1, 1])));

    [Fact]
    public void ScaleGivesPercentage() => AssertClose(62.5, Score(Numbers(Truth, Prediction), """{"scale": 100}"""));

    [Fact]
    public void SklearnRefusesNaN()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score(Numbers(Truth, [0, 1, 2, double.NaN, 1, 0, 1, 3])));
        Assert.Contains("row 4", error.Message);
    }

    [Fact]
    public void SklearnRefusesContinuousValues()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score(Numbers(Truth, [0, 1, 2, 2.5, 1, 0, 1, 3])));
        Assert.Contains("2.5", error.Message);
    }

    [Fact]
    public void SklearnRefusesTextAgainstNumbers()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score(Input(["0", "1"], ["zero", "1"])));
        Assert.Contains("'zero'", error.Message);
    }

    [Fact]
    public void SklearnRefusesEmptyTextCell() =>
        Assert.Throws<InvalidSubmissionException>(() => Score(Input(["a", "b"], ["a", null])));

    [Fact]
    public void PandasEqualityCountsNaNAndMismatchedTypesAsWrong()
    {
        AssertClose(0.5, Score(Numbers([1, 2], [1, double.NaN]), """{"comparison": "pandas"}"""));
        Assert.Equal(0.0, Score(Input(["1", "2"], ["one", "2x"]), """{"comparison": "pandas"}"""));
        AssertClose(0.5, Score(Input(["a", "b"], ["a", null]), """{"comparison": "pandas"}"""));
    }

    [Fact]
    public void TextComparisonDistinguishesIntFromFloatAndMatchesNaN()
    {
        // astype(str): 1 -> "1", 1.0 -> "1.0"; a NaN cell on both sides is "nan" == "nan".
        Assert.Equal(0.0, Score(Input(["1", "2"], ["1.0", "2.0"]), """{"comparison": "text"}"""));
        AssertClose(0.5, Score(Input(["a", null], ["b", null]), """{"comparison": "text"}"""));
        // A whole-number column with an empty cell is float64 in pandas, so its 3 prints as "3.0".
        AssertClose(0.5, Score(Input(["3.0", "4"], ["3", ""]), """{"comparison": "text"}"""));
    }

    [Fact]
    public void EmptyInputIsAClearError() =>
        Assert.Throws<CompetitionDataException>(() => Score(Numbers([], [])));

    [Theory]
    [InlineData("""{"comparison": "fuzzy"}""")]
    [InlineData("""{"scale": -1}""")]
    [InlineData("""{"average": "macro"}""")]
    public void RejectsBadParameters(string json) =>
        Assert.Throws<ArgumentException>(() => new AccuracyMetric(Parameters(json)));
}

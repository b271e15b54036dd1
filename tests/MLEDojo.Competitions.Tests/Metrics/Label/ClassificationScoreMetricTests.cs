using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>Expected values computed with scikit-learn 1.2.1 (f1_score, fbeta_score, precision_score, recall_score).</summary>
public class ClassificationScoreMetricTests
{
    private static readonly double[] Truth = [0, 1, 2, 2, 1, 0, 1, 3];
    private static readonly double[] Prediction = [0, 2, 2, 2, 1, 1, 1, 0];
    private static readonly double[] BinaryTruth = [0, 1, 1, 0, 1, 1, 0, 1];
    private static readonly double[] BinaryPrediction = [0, 1, 0, 0, 1, 0, 1, 1];

    private static IMetric Family(string family, string parameters = "{}") => MetricFamilies.Create(family, Parameters(parameters));

    [Theory]
    [InlineData("f1", """{"average": "macro"}""", 0.49166666666666664)]
    [InlineData("f1", """{"average": "micro"}""", 0.625)]
    [InlineData("f1", """{"average": "weighted"}""", 0.575)]
    [InlineData("precision", """{"average": "macro"}""", 0.45833333333333326)]
    [InlineData("recall", """{"average": "macro"}""", 0.5416666666666666)]
    [InlineData("fbeta", """{"average": "macro", "beta": 2}""", 0.5189393939393939)]
    public void MulticlassAveragesMatchScikitLearn(string family, string parameters, double expected) =>
        AssertClose(expected, Family(family, parameters).Evaluate(Numbers(Truth, Prediction)));

    [Theory]
    [InlineData("f1", "{}", 0.6666666666666665)]
    [InlineData("fbeta", """{"beta": 0.5}""", 0.7142857142857143)]
    [InlineData("precision", "{}", 0.75)]
    [InlineData("recall", """{"average": "binary", "pos_label": 1}""", 0.6)]
    public void BinaryScoresMatchScikitLearn(string family, string parameters, double expected) =>
        AssertClose(expected, Family(family, parameters).Evaluate(Numbers(BinaryTruth, BinaryPrediction)));

    [Fact]
    public void BooleanPredictionsEqualOneAndZero()
    {
        var truth = BinaryTruth.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var prediction = BinaryPrediction.Select(v => v == 1 ? "True" : "False").ToArray();
        AssertClose(0.6666666666666665, Family("f1").Evaluate(Input(truth, prediction)));
    }

    [Fact]
    public void PositiveClassNeverPredictedGivesZero() =>
        Assert.Equal(0.0, Family("f1").Evaluate(Numbers(BinaryTruth, new double[8])));

    [Fact]
    public void ClassAbsentFromPredictionsCountsInMacro() =>
        // sklearn: f1_score(ta, tb, average="macro") with 'dog' never predicted correctly and 'fish' only predicted.
        AssertClose(0.5833333333333333,
            Family("f1", """{"average": "macro"}""").Evaluate(Input(["cat", "dog", "cat", "bird", "dog", "cat"], ["cat", "cat", "cat", "bird", "dog", "fish"])));

    [Fact]
    public void PrecisionOfNeverPredictedClassIsZero() =>
        // Class 3 is never predicted: its precision is 0/0, which scikit-learn's default zero_division scores 0.
        AssertClose(0.45833333333333326, Family("precision", """{"average": "macro"}""").Evaluate(Numbers(Truth, Prediction)));

    [Fact]
    public void BinaryRefusesAThirdPredictedLabel()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Family("f1").Evaluate(Numbers([0, 1, 1], [0, 2, 1])));
        Assert.Contains("binary", error.Message);
    }

    [Fact]
    public void BinaryWithMulticlassAnswerIsACatalogError() =>
        Assert.Throws<CompetitionDataException>(() => Family("f1").Evaluate(Numbers(Truth, Prediction)));

    [Fact]
    public void NaNAndTextPredictionsAreInvalid()
    {
        Assert.Throws<InvalidSubmissionException>(() => Family("f1").Evaluate(Numbers([0, 1], [0, double.NaN])));
        Assert.Throws<InvalidSubmissionException>(() => Family("f1", """{"average": "macro"}""").Evaluate(Input(["0", "1"], ["0", "yes"])));
        Assert.Throws<InvalidSubmissionException>(() => Family("f1").Evaluate(Numbers([0, 1], [0, 0.7])));
    }

    [Fact]
    public void EmptyInputIsAClearError() =>
        Assert.Throws<CompetitionDataException>(() => Family("f1", """{"average": "macro"}""").Evaluate(Numbers([], [])));

    [Fact]
    public void LargerMulticlassMatchesScikitLearn()
    {
        var (truth, prediction) = KappaMetricTests.LargeCase();
        AssertClose(0.7379705682018682, Family("f1", """{"average": "macro"}""").Evaluate(Numbers(truth, prediction)));
    }

    [Fact]
    public void MultilabelSamplesAverageMatchesMultiLabelBinarizer()
    {
        string[] truth = ["a b", "c", "a", "b c", "a c"];
        string[] prediction = ["a", "c d", "b", "b c", "c"];
        AssertClose(0.5999999999999999, Family("f1", """{"average": "samples", "multilabel_separator": " "}""").Evaluate(Input(truth, prediction)));
        AssertClose(0.5, Family("f1", """{"average": "macro", "multilabel_separator": " "}""").Evaluate(Input(truth, prediction)));
        // Classes from the answer only: the predicted 'd' is ignored rather than counted as a false positive.
        AssertClose(0.7142857142857143,
            Family("f1", """{"average": "micro", "multilabel_separator": " ", "multilabel_classes": "truth"}""").Evaluate(Input(truth, prediction)));
    }

    [Fact]
    public void MultilabelWithoutTextCastRefusesEmptyCells() =>
        Assert.Throws<InvalidSubmissionException>(() =>
            Family("f1", """{"average": "samples", "multilabel_separator": " "}""").Evaluate(Input(["a b", "c"], ["a", null])));

    [Theory]
    [InlineData("f1", """{"beta": 2}""")]
    [InlineData("fbeta", "{}")]
    [InlineData("fbeta", """{"beta": -1}""")]
    [InlineData("f1", """{"average": "samples"}""")]
    [InlineData("f1", """{"average": "binary", "multilabel_separator": " "}""")]
    [InlineData("recall", """{"average": "macro", "multilabel_separator": ","}""")]
    [InlineData("f1", """{"multilabel_separator": " "}""")]
    [InlineData("precision", """{"zero_division": 1}""")]
    public void RejectsBadParameters(string family, string parameters) =>
        Assert.Throws<CompetitionDataException>(() => Family(family, parameters));
}

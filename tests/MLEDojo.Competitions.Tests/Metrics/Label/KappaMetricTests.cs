using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>Expected values computed with scikit-learn 1.2.1's cohen_kappa_score.</summary>
public class KappaMetricTests
{
    private static readonly double[] Truth = [0, 1, 2, 2, 1, 0, 1, 3];
    private static readonly double[] Prediction = [0, 2, 2, 2, 1, 1, 1, 0];

    /// <summary>5000 rows over 11 classes, every fifth row shifted by -1, 0 or +1 (same formula as the Python side).</summary>
    internal static (double[] Truth, double[] Prediction) LargeCase()
    {
        var truth = new double[5000];
        var prediction = new double[5000];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = i * 7 % 11;
            prediction[i] = truth[i] + (i % 5 == 0 ? i / 5 % 3 - 1 : 0);
        }
        return (truth, prediction);
    }

    private static double Kappa(MetricInput input, string weights) =>
        new CohenKappaMetric(Parameters(weights)).Evaluate(input);

    [Theory]
    [InlineData("""{"weights": "quadratic"}""", 0.12)]
    [InlineData("""{"weights": "linear"}""", 0.3548387096774194)]
    [InlineData("""{"weights": null}""", 0.4666666666666667)]
    [InlineData("{}", 0.4666666666666667)]
    public void MatchesScikitLearn(string weights, double expected) =>
        AssertClose(expected, Kappa(Numbers(Truth, Prediction), weights));

    [Theory]
    [InlineData("quadratic", 0.9933765626059179)]
    [InlineData("linear", 0.9634434943626031)]
    public void LargerCaseMatchesScikitLearn(string weights, double expected)
    {
        var (truth, prediction) = LargeCase();
        AssertClose(expected, Kappa(Numbers(truth, prediction), $$"""{"weights": "{{weights}}"}"""));
    }

    [Fact]
    public void TextLabelsWeighByTheirSortedPosition() =>
        AssertClose(0.3999999999999999,
            Kappa(Input(["cat", "dog", "cat", "bird", "dog", "cat"], ["cat", "cat", "cat", "bird", "dog", "fish"]), """{"weights": "quadratic"}"""));

    [Fact]
    public void SingleClassEverywhereIsNaNAsInScikitLearn() =>
        Assert.True(double.IsNaN(Kappa(Numbers([2, 2, 2], [2, 2, 2]), """{"weights": "quadratic"}""")));

    [Fact]
    public void ManyInventedLabelsStayFast()
    {
        var truth = new double[200_000];
        var prediction = new double[200_000];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = i % 5;
            prediction[i] = i;
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var score = Kappa(Numbers(truth, prediction), """{"weights": "quadratic"}""");
        Assert.True(double.IsFinite(score));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void BadPredictionsAreInvalid()
    {
        Assert.Throws<InvalidSubmissionException>(() => Kappa(Numbers([1, 2], [1, double.NaN]), "{}"));
        Assert.Throws<InvalidSubmissionException>(() => Kappa(Numbers([1, 2], [1, 2.5]), "{}"));
        Assert.Throws<InvalidSubmissionException>(() => Kappa(Input(["1", "2"], ["1", "two"]), "{}"));
        Assert.Throws<CompetitionDataException>(() => Kappa(Numbers([], []), "{}"));
    }

    [Fact]
    public void RejectsUnknownWeights() =>
        Assert.Throws<ArgumentException>(() => new CohenKappaMetric(Parameters("""{"weights": "cubic"}""")));
}

/// <summary>Expected values computed with scikit-learn 1.2.1's matthews_corrcoef.</summary>
public class MatthewsCorrelationMetricTests
{
    private static double Mcc(MetricInput input) => new MatthewsCorrelationMetric(MetricParameters.Empty).Evaluate(input);

    [Fact]
    public void BinaryMatchesScikitLearn() =>
        AssertClose(0.2581988897471611, Mcc(Numbers([0, 1, 1, 0, 1, 1, 0, 1], [0, 1, 0, 0, 1, 0, 1, 1])));

    [Fact]
    public void MulticlassMatchesScikitLearn() =>
        AssertClose(0.47776654295295456, Mcc(Numbers([0, 1, 2, 2, 1, 0, 1, 3], [0, 2, 2, 2, 1, 1, 1, 0])));

    [Fact]
    public void LargerCaseMatchesScikitLearn()
    {
        var (truth, prediction) = KappaMetricTests.LargeCase();
        AssertClose(0.8535135007453056, Mcc(Numbers(truth, prediction)));
    }

    [Fact]
    public void ConstantPredictionGivesZero() =>
        Assert.Equal(0.0, Mcc(Numbers([0, 1, 2, 2, 1, 0, 1, 3], [1, 1, 1, 1, 1, 1, 1, 1])));

    [Fact]
    public void BadInputs()
    {
        Assert.Throws<InvalidSubmissionException>(() => Mcc(Input(["True", "False"], ["True", "maybe"])));
        Assert.Throws<CompetitionDataException>(() => Mcc(Numbers([], [])));
        Assert.Throws<ArgumentException>(() => new MatthewsCorrelationMetric(Parameters("""{"average": "macro"}""")));
    }
}

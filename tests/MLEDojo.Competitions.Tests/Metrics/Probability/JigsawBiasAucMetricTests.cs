using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>
/// Expected values come from running jigsaw-unintended-bias's upstream evaluate (Debian's python3, scikit-learn
/// 1.2.1) on frames holding only the identity columns named here, with the submission shuffled.
/// </summary>
public class JigsawBiasAucMetricTests
{
    private const double Tolerance = 1e-9;

    private static JigsawBiasAucMetric Metric(params string[] identities) =>
        new(MetricParameters.Parse($$"""{"identity_columns": [{{string.Join(", ", identities.Select(i => $"\"{i}\""))}}]}"""));

    private static MetricInput Input(double[] toxicity, (string Name, double[] Values)[] identities, MetricColumn prediction)
    {
        var answerOnly = new Dictionary<string, MetricColumn> { ["toxicity"] = MetricColumn.FromNumbers("toxicity", toxicity) };
        foreach (var (name, values) in identities) answerOnly[name] = MetricColumn.FromNumbers(name, values);
        // As the catalog entry scores it: target 'toxicity' (also answer-only), predicted in the submission's 'prediction'.
        return new MetricInput([answerOnly["toxicity"]], [prediction], MetricParameters.Empty, answerOnly);
    }

    private static MetricInput Input(double[] toxicity, (string Name, double[] Values)[] identities, double[] prediction) =>
        Input(toxicity, identities, MetricColumn.FromNumbers("prediction", prediction, isSubmission: true));

    private static readonly double[] SmallToxicity = [0.0, 0.1, 0.6, 0.9, 0.3, 0.7, 0.5, 0.2, 0.0, 1.0];
    private static readonly double[] SmallPrediction = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.3, 0.5, 0.7];

    [Fact]
    public void Matches_upstream_with_missing_identities_and_ties()
    {
        double[] toxicity = [0.4, 0.7, 0.0, 0.3, 0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.4, 0.7, 0.2, 0.9, 0.0, 0.7, 0.4, 0.6, 0.1, 0.2, 0.8, 1.0, 0.3, 0.7, 0.9, 0.9, 0.1, 0.0, 0.2, 0.9];
        double[] male = [0.8, double.NaN, 0.2, 0.2, 0.8, 1.0, 0.0, 0.2, 0.8, 1.0, 0.5, 1.0, 0.0, double.NaN, 0.8, 0.2, 0.5, 0.0, 1.0, 0.2, 0.5, 0.5, 0.2, 0.0, 0.2, 0.8, double.NaN, 1.0, 0.8, double.NaN];
        double[] female = [0.2, 0.8, 0.0, 0.0, 0.5, 0.5, 0.2, 0.8, 1.0, 0.5, 0.0, 0.0, 0.2, 0.2, double.NaN, 0.8, 0.0, 0.0, double.NaN, double.NaN, 1.0, double.NaN, 0.5, 1.0, 0.8, double.NaN, 0.8, double.NaN, 0.0, 0.8];
        double[] muslim = [1.0, 0.8, 1.0, 1.0, double.NaN, 1.0, 0.2, 0.0, 1.0, 0.5, 0.0, double.NaN, 0.5, 1.0, 0.2, 0.2, 0.0, 0.5, 1.0, 1.0, 0.0, 1.0, 0.2, 1.0, 0.2, 0.0, 0.5, 0.8, 0.2, 0.5];
        double[] prediction = [0.07, 0.97, 0.27, 0.35, 0.24, 0.14, 0.54, 0.34, 0.0, 0.77, 0.2, 0.72, 0.53, 0.61, 0.55, 0.77, 0.01, 0.96, 0.41, 0.6, 0.5, 0.48, 0.56, 0.82, 0.44, 0.85, 0.45, 0.55, 0.43, 0.47];
        var score = Metric("male", "female", "muslim").Evaluate(Input(toxicity, [("male", male), ("female", female), ("muslim", muslim)], prediction));
        AssertClose(0.8864864189689576, score, Tolerance);
    }

    [Fact]
    public void One_class_and_empty_subgroups_are_left_out_of_their_means()
    {
        // female is present only on toxic rows (one class); muslim is never present (empty subgroup, and its
        // BPSN and BNSP sets then hold one class each).
        double[] male = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.4, 0.6, 1.0];
        double[] female = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.9, 0.0, 0.0, 0.0];
        double[] muslim = [0.0, 0.1, 0.0, double.NaN, 0.4, 0.0, 0.0, 0.0, double.NaN, 0.2];
        var score = Metric("male", "female", "muslim").Evaluate(Input(SmallToxicity, [("male", male), ("female", female), ("muslim", muslim)], SmallPrediction));
        AssertClose(0.9320604900328452, score, Tolerance);
    }

    [Fact]
    public void Without_any_defined_bias_auc_only_the_overall_term_remains()
    {
        var score = Metric("male").Evaluate(Input(SmallToxicity, [("male", new double[10])], SmallPrediction));
        AssertClose(0.23, score, Tolerance);
    }

    [Fact]
    public void A_subgroup_auc_of_zero_drives_its_power_mean_to_zero()
    {
        double[] male = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        double[] prediction = [0.1, 0.4, 0.05, 0.8, 0.2, 0.9, 0.6, 0.3, 0.95, 0.7];
        var score = Metric("male").Evaluate(Input(SmallToxicity, [("male", male)], prediction));
        AssertClose(0.16000000000000003, score, Tolerance);
    }

    [Fact]
    public void NaN_infinite_and_text_predictions_are_invalid_submissions()
    {
        var metric = Metric("male");
        (string, double[])[] identities = [("male", new double[10])];
        var nan = (double[])SmallPrediction.Clone();
        nan[3] = double.NaN;
        var e = Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(Input(SmallToxicity, identities, nan)));
        Assert.Contains("'prediction'", e.Message);
        Assert.Contains("row 4", e.Message);
        var infinite = (double[])SmallPrediction.Clone();
        infinite[0] = double.PositiveInfinity;
        Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(Input(SmallToxicity, identities, infinite)));
        var text = MetricColumn.FromTexts("prediction", ["0.1", "0.4", "high", "0.8", "0.2", "0.9", "0.6", "0.3", "0.5", "0.7"], isSubmission: true);
        e = Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(Input(SmallToxicity, identities, text)));
        Assert.Contains("high", e.Message);
    }

    [Fact]
    public void Broken_answers_are_data_errors()
    {
        var metric = Metric("male");
        (string, double[])[] identities = [("male", new double[10])];
        Assert.Throws<CompetitionDataException>(() => metric.Evaluate(Input([], [("male", [])], Array.Empty<double>())));
        var oneClass = Enumerable.Repeat(0.2, 10).ToArray();
        Assert.Throws<CompetitionDataException>(() => metric.Evaluate(Input(oneClass, identities, SmallPrediction)));
        var missing = (double[])SmallToxicity.Clone();
        missing[2] = double.NaN;
        var e = Assert.Throws<CompetitionDataException>(() => metric.Evaluate(Input(missing, identities, SmallPrediction)));
        Assert.Contains("row 3", e.Message);
        e = Assert.Throws<CompetitionDataException>(() => Metric("female").Evaluate(Input(SmallToxicity, identities, SmallPrediction)));
        Assert.Contains("answer_columns", e.Message);
        var textIdentity = new MetricInput(
            [MetricColumn.FromNumbers("prediction", new double[2])],
            [MetricColumn.FromNumbers("prediction", [0.2, 0.8], isSubmission: true)], MetricParameters.Empty,
            new Dictionary<string, MetricColumn>
            {
                ["toxicity"] = MetricColumn.FromNumbers("toxicity", [0.0, 1.0]),
                ["male"] = MetricColumn.FromTexts("male", ["yes", "no"]),
            });
        Assert.Throws<CompetitionDataException>(() => metric.Evaluate(textIdentity));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"identity_columns": []}""")]
    [InlineData("""{"identity_columns": ["male", "male"]}""")]
    [InlineData("""{"identity_columns": ["toxicity"]}""")]
    [InlineData("""{"identity_columns": ["male"], "power": 0}""")]
    [InlineData("""{"identity_columns": ["male"], "weight": "heavy"}""")]
    [InlineData("""{"identity_columns": ["male"], "threshold": 0.5}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => new JigsawBiasAucMetric(MetricParameters.Parse(json)));
    }
}

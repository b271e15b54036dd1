using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>
/// Expected values come from running flavours-of-physics-kernels-only's upstream evaluate (Debian's python3,
/// scikit-learn 1.2.1) with the submission shuffled; the three-point-grid value from the same code with its
/// linspace count set to 3.
/// </summary>
public class InterpolatedTprWeightedAucMetricTests
{
    private const double Tolerance = 1e-9;
    private const string FlavoursParameters =
        """{"tpr_thresholds": [0.0, 0.2, 0.4, 0.6, 0.8], "weights": [2.0, 1.5, 1.0, 0.5], "grid_points": 10000, "filter_column": "min_ANNmuon", "filter_greater_than": 0.4}""";

    private static readonly InterpolatedTprWeightedAucMetric Flavours = new(MetricParameters.Parse(FlavoursParameters));

    private static readonly double[] Labels = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0];
    private static readonly double[] AnnMuon = [0.6, 0.27, 0.28, double.NaN, 0.33, 0.4, 0.17, 0.96, 0.96, 0.19, 0.02, double.NaN, 0.7, 0.78, 0.02, 0.58, 0.0, 0.52, 0.64, 0.4, 0.26, 0.8, 0.87, 0.92, 0.0, 0.47, 0.98, double.NaN, 0.81, 0.55, 0.77, 0.48, 0.03, 0.09, 0.11, 0.25, 0.96, 0.63, 0.82, 0.57];
    private static readonly double[] Scores = [0.74, 0.57, 0.95, 0.94, 0.58, 0.07, 0.25, 0.32, 0.38, 0.56, 0.34, 0.13, 0.56, 0.17, 0.56, 0.25, 0.75, 0.35, 0.71, 0.96, 0.96, 0.38, 0.59, 0.54, 0.07, 0.57, 0.66, 0.97, 0.56, 0.01, 0.6, 0.08, 0.63, 0.59, 0.36, 0.61, 0.86, 0.01, 0.7, 0.59];

    private static MetricInput Input(double[] labels, double[] annMuon, MetricColumn prediction) =>
        new([MetricColumn.FromNumbers("prediction", labels)], [prediction], MetricParameters.Empty,
            new Dictionary<string, MetricColumn> { ["min_ANNmuon"] = MetricColumn.FromNumbers("min_ANNmuon", annMuon) });

    private static MetricInput Input(double[] labels, double[] annMuon, double[] scores) =>
        Input(labels, annMuon, MetricColumn.FromNumbers("prediction", scores, isSubmission: true));

    private static MetricInput Unfiltered(double[] labels, double[] scores) => Input(labels, Enumerable.Repeat(0.9, labels.Length).ToArray(), scores);

    [Fact]
    public void Matches_upstream_on_filtered_rows()
    {
        AssertClose(0.805624082315778, Flavours.Evaluate(Input(Labels, AnnMuon, Scores)), Tolerance);
    }

    [Fact]
    public void Rows_the_filter_drops_may_hold_any_prediction()
    {
        var scores = (double[])Scores.Clone();
        for (var i = 0; i < scores.Length; i++)
            if (!(AnnMuon[i] > 0.4)) scores[i] = double.NaN;
        AssertClose(0.805624082315778, Flavours.Evaluate(Input(Labels, AnnMuon, scores)), Tolerance);
    }

    [Theory]
    [InlineData(new[] { 0.1, 0.9, 0.2, 0.8, 0.7, 0.3 }, 1.0)]
    [InlineData(new[] { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 }, 0.00046668666599969377)]
    [InlineData(new[] { 0.9, 0.1, 0.8, 0.2, 0.3, 0.7 }, -2.331999866653332)]
    [InlineData(new[] { 0.2, 0.6, 0.6, 0.9, 0.2, 0.1 }, 0.7556622265553555)]
    public void Matches_upstream_on_perfect_constant_reversed_and_tied_scores(double[] scores, double expected)
    {
        AssertClose(expected, Flavours.Evaluate(Unfiltered([0, 1, 0, 1, 1, 0], scores)), Tolerance);
    }

    [Fact]
    public void A_band_holding_fewer_than_two_grid_points_uses_its_end_points()
    {
        var coarse = new InterpolatedTprWeightedAucMetric(MetricParameters.Parse(FlavoursParameters.Replace("10000", "3")));
        AssertClose(0.8518518518518519, coarse.Evaluate(Input(Labels, AnnMuon, Scores)), Tolerance);
    }

    [Fact]
    public void Without_a_filter_every_row_is_scored()
    {
        var unfiltered = new InterpolatedTprWeightedAucMetric(MetricParameters.Parse(
            """{"tpr_thresholds": [0.0, 0.2, 0.4, 0.6, 0.8], "weights": [2.0, 1.5, 1.0, 0.5]}"""));
        var input = new MetricInput([MetricColumn.FromNumbers("prediction", [0, 1, 0, 1, 1, 0])],
            [MetricColumn.FromNumbers("prediction", [0.2, 0.6, 0.6, 0.9, 0.2, 0.1], isSubmission: true)], MetricParameters.Empty);
        AssertClose(0.7556622265553555, unfiltered.Evaluate(input), Tolerance);
    }

    [Fact]
    public void NaN_infinite_and_text_predictions_on_scored_rows_are_invalid_submissions()
    {
        var nan = (double[])Scores.Clone();
        nan[7] = double.NaN;
        var e = Assert.Throws<InvalidSubmissionException>(() => Flavours.Evaluate(Input(Labels, AnnMuon, nan)));
        Assert.Contains("'prediction'", e.Message);
        Assert.Contains("row 8", e.Message);
        var infinite = (double[])Scores.Clone();
        infinite[0] = double.NegativeInfinity;
        Assert.Throws<InvalidSubmissionException>(() => Flavours.Evaluate(Input(Labels, AnnMuon, infinite)));
        var text = MetricColumn.FromTexts("prediction", Scores.Select((s, i) => i == 5 ? "signal" : s.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray(), isSubmission: true);
        e = Assert.Throws<InvalidSubmissionException>(() => Flavours.Evaluate(Input(Labels, AnnMuon, text)));
        Assert.Contains("signal", e.Message);
    }

    [Fact]
    public void Nothing_left_after_filtering_and_empty_input_are_data_errors()
    {
        var low = Enumerable.Repeat(0.4, Labels.Length).ToArray();
        low[3] = double.NaN;
        var e = Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Input(Labels, low, Scores)));
        Assert.Contains("min_ANNmuon", e.Message);
        Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Input([], [], Array.Empty<double>())));
    }

    [Fact]
    public void One_class_after_filtering_and_bad_labels_are_data_errors()
    {
        // Only the first and fourth rows are kept, and both are signal.
        var annMuon = Enumerable.Repeat(0.1, Labels.Length).ToArray();
        annMuon[0] = annMuon[3] = 0.9;
        Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Input(Labels, annMuon, Scores)));
        Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Unfiltered([0, 2, 0, 2], [0.1, 0.2, 0.3, 0.4])));
        Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Unfiltered([0, 1, -1, 1], [0.1, 0.2, 0.3, 0.4])));
        Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(Unfiltered([0, 1, double.NaN, 1], [0.1, 0.2, 0.3, 0.4])));
        var noFilterColumn = new MetricInput([MetricColumn.FromNumbers("prediction", [0, 1])],
            [MetricColumn.FromNumbers("prediction", [0.2, 0.8], isSubmission: true)], MetricParameters.Empty);
        var e = Assert.Throws<CompetitionDataException>(() => Flavours.Evaluate(noFilterColumn));
        Assert.Contains("answer_columns", e.Message);
    }

    [Fact]
    public void Minus_one_one_labels_score_like_zero_one()
    {
        AssertClose(0.7556622265553555, Flavours.Evaluate(Unfiltered([-1, 1, -1, 1, 1, -1], [0.2, 0.6, 0.6, 0.9, 0.2, 0.1])), Tolerance);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1, 2]}""")]
    [InlineData("""{"tpr_thresholds": [0.5, 0.2], "weights": [1]}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 1.5], "weights": [1]}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [0]}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1], "grid_points": 1}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1], "grid_points": 2.5}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1], "filter_column": "min_ANNmuon"}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1], "filter_greater_than": 0.4}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 0.5], "weights": [1], "normalize": true}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => new InterpolatedTprWeightedAucMetric(MetricParameters.Parse(json)));
    }
}

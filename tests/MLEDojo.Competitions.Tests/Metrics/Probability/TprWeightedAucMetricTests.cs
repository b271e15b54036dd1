using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>Expected values come from running alaska2-image-steganalysis's upstream evaluate (Debian's python3).</summary>
public class TprWeightedAucMetricTests
{
    private static readonly TprWeightedAucMetric Alaska = new(MetricParameters.Parse("""{"tpr_thresholds": [0.0, 0.4, 1.0], "weights": [2, 1]}"""));

    [Fact]
    public void Matches_upstream_on_continuous_scores()
    {
        double[] truth = [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        double[] scores = [0.265, 0.694, 0.264, 0.3, 0.156, 0.583, 0.457, 0.364, 0.258, 0.415, 0.771, 0.412, 0.434, 0.298, 0.631, 0.23, 0.422, 0.402, 0.685, 0.466, 0.309, 0.116, 0.853, 0.727, 0.648, 0.541, 0.791, 0.158, 0.68, 0.307, 0.387, 0.884, 0.725, 0.046, 0.355, 0.19, 0.552, 0.311, 0.007, 0.058];
        AssertClose(0.968013468013468, Alaska.Evaluate(MetricInput.FromNumbers(truth, scores)));
    }

    [Fact]
    public void Perfect_ranking_scores_one()
    {
        AssertClose(1.0, Alaska.Evaluate(MetricInput.FromNumbers([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])));
    }

    [Fact]
    public void All_equal_predictions_score_what_upstream_scores()
    {
        // Upstream's band brackets reuse the band's first FPR, so a constant prediction scores 0.8, not 0.5.
        AssertClose(0.8, Alaska.Evaluate(MetricInput.FromNumbers([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])));
    }

    [Fact]
    public void Single_class_answer_and_empty_input_are_data_errors()
    {
        Assert.Throws<CompetitionDataException>(() => Alaska.Evaluate(MetricInput.FromNumbers([1, 1], [0.2, 0.3])));
        Assert.Throws<CompetitionDataException>(() => Alaska.Evaluate(MetricInput.FromNumbers([], [])));
    }

    [Fact]
    public void NaN_and_text_predictions_are_invalid_submissions()
    {
        Assert.Throws<InvalidSubmissionException>(() => Alaska.Evaluate(MetricInput.FromNumbers([0, 1], [0.2, double.NaN])));
        var input = new MetricInput([MetricColumn.FromNumbers("Label", [0, 1])],
            [MetricColumn.FromTexts("Label", ["0.2", "x"], isSubmission: true)], MetricParameters.Empty);
        Assert.Throws<InvalidSubmissionException>(() => Alaska.Evaluate(input));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"tpr_thresholds": [0.0, 1.0], "weights": [1, 2]}""")]
    [InlineData("""{"tpr_thresholds": [0.4, 0.0], "weights": [1]}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 1.0], "weights": [0]}""")]
    [InlineData("""{"tpr_thresholds": [0.0, 1.0], "weights": [1], "normalize": true}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => new TprWeightedAucMetric(MetricParameters.Parse(json)));
    }
}

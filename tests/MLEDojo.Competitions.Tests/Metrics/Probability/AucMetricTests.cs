using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>Expected values come from scikit-learn's roc_auc_score (Debian's python3).</summary>
public class AucMetricTests
{
    private static readonly AucMetric Metric = new(MetricParameters.Empty);

    [Fact]
    public void Tied_scores_count_as_half_like_scikit_learn()
    {
        double[] truth = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
        double[] scores = [0.8, 0.7, 0.5, 0.8, 0.5, 1.0, 0.2, 0.6, 0.5, 0.4, 0.6, 0.2, 0.8, 0.9, 0.1, 0.5, 0.3, 0.1, 0.9, 0.4, 0.1, 0.7, 0.2, 0.9, 0.2, 0.0, 0.2, 0.3, 0.5, 0.9];
        AssertClose(0.3348214285714286, Metric.Evaluate(MetricInput.FromNumbers(truth, scores)));
    }

    [Fact]
    public void Text_labels_take_the_greater_label_as_positive()
    {
        string?[] truth = ["dog", "dog", "dog", "cat", "dog", "cat", "cat", "cat", "cat", "dog", "cat", "cat"];
        double[] scores = [0.691, 0.055, 0.034, 0.846, 0.588, 0.309, 0.317, 0.089, 0.173, 0.025, 0.839, 0.466];
        var input = new MetricInput([MetricColumn.FromTexts("y", truth)], [MetricColumn.FromNumbers("y", scores, isSubmission: true)], MetricParameters.Empty);
        AssertClose(0.28571428571428575, Metric.Evaluate(input));
    }

    [Fact]
    public void Numeric_labels_other_than_zero_and_one_are_binarised()
    {
        double[] truth = [1.0, 1.0, 2.0, 2.0, 2.0, 1.0, 2.0, 1.0, 1.0, 2.0, 2.0, 2.0];
        double[] scores = [0.03, 0.81, 0.19, 0.09, 0.02, 0.29, 0.73, 0.49, 0.85, 0.22, 0.32, 0.26];
        AssertClose(0.2571428571428571, Metric.Evaluate(MetricInput.FromNumbers(truth, scores)));
    }

    [Fact]
    public void Several_columns_average_like_macro_multilabel_auc()
    {
        double[][] truth =
        [
            [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0],
            [1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0],
            [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        ];
        double[][] scores =
        [
            [0.8, 0.2, 0.2, 0.9, 0.5, 0.2, 0.6, 0.6, 0.3, 0.1, 1.0, 0.1, 0.1, 0.8, 0.8],
            [0.0, 1.0, 0.4, 0.6, 0.1, 0.0, 0.6, 0.4, 0.4, 0.1, 0.9, 0.8, 0.5, 0.7, 0.3],
            [0.4, 0.1, 0.1, 0.2, 0.6, 0.1, 0.3, 0.1, 0.9, 0.6, 0.7, 0.7, 0.0, 0.8, 0.8],
        ];
        AssertClose(0.4038271604938271, Metric.Evaluate(Numbers(truth, scores)));
    }

    [Fact]
    public void All_equal_predictions_score_one_half()
    {
        Assert.Equal(0.5, Metric.Evaluate(MetricInput.FromNumbers([0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3])));
    }

    [Fact]
    public void Perfect_and_reversed_rankings_score_one_and_zero()
    {
        Assert.Equal(1.0, Metric.Evaluate(MetricInput.FromNumbers([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])));
        Assert.Equal(0.0, Metric.Evaluate(MetricInput.FromNumbers([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1])));
    }

    [Fact]
    public void One_class_in_the_answer_is_a_data_error_unless_a_fallback_is_configured()
    {
        var input = MetricInput.FromNumbers([1, 1, 1], [0.2, 0.5, 0.9]);
        var error = Assert.Throws<CompetitionDataException>(() => Metric.Evaluate(input));
        Assert.Contains("only one class", error.Message);

        var lenient = new AucMetric(MetricParameters.Parse("""{"undefined_score": 0.5}"""));
        Assert.Equal(0.5, lenient.Evaluate(input));
    }

    [Fact]
    public void More_than_two_classes_or_fractional_labels_are_data_errors()
    {
        Assert.Throws<CompetitionDataException>(() => Metric.Evaluate(MetricInput.FromNumbers([0, 1, 2], [0.2, 0.5, 0.9])));
        Assert.Throws<CompetitionDataException>(() => Metric.Evaluate(MetricInput.FromNumbers([0, 0.5, 1], [0.2, 0.5, 0.9])));
    }

    [Fact]
    public void A_prediction_array_serving_two_targets_is_not_used_as_scratch()
    {
        double[] scores = [0.3, 0.9, 0.1, 0.7, 0.5, 0.2];
        var shared = MetricColumn.FromNumbers("p", scores, isSubmission: true);
        MetricColumn[] truth = [MetricColumn.FromNumbers("a", [0, 1, 0, 1, 1, 0]), MetricColumn.FromNumbers("b", [1, 0, 0, 1, 0, 1])];
        var plain = Metric.Evaluate(new MetricInput(truth, [shared, shared], MetricParameters.Empty));
        var handedOver = Metric.Evaluate(new MetricInput(truth, [shared, shared], MetricParameters.Empty) { PredictionsAreScratch = true });
        Assert.Equal(plain, handedOver);
        Assert.Equal([0.3, 0.9, 0.1, 0.7, 0.5, 0.2], scores);
    }

    [Fact]
    public void Handed_over_predictions_score_the_same_and_may_be_overwritten()
    {
        double[] truth = [0, 1, -1, 1, 0, 1, 0];
        double[] scores = [0.1, 0.9, 0.5, 0.8, 0.2, 0.1, 0.1];
        var metric = new AucMetric(MetricParameters.Parse("""{"skip_rows_with_negative_truth_sum": true}"""));
        var expected = metric.Evaluate(MetricInput.FromNumbers(truth, scores.ToArray()));
        var input = new MetricInput([MetricColumn.FromNumbers("y", truth)], [MetricColumn.FromNumbers("y", scores, isSubmission: true)],
            MetricParameters.Empty) { PredictionsAreScratch = true };
        Assert.Equal(expected, metric.Evaluate(input));
    }

    [Fact]
    public void Rows_with_negative_label_sums_are_skipped_when_asked()
    {
        var metric = new AucMetric(MetricParameters.Parse("""{"skip_rows_with_negative_truth_sum": true}"""));
        // The -1 row would otherwise be a third class.
        var input = Numbers([[0, 1, -1, 1, 0]], [[0.1, 0.9, 0.5, 0.8, 0.2]]);
        Assert.Equal(1.0, metric.Evaluate(input));
        Assert.Throws<CompetitionDataException>(() => Metric.Evaluate(input));
    }

    [Fact]
    public void Skipped_rows_may_hold_any_number_but_scored_rows_must_be_finite()
    {
        var metric = new AucMetric(MetricParameters.Parse("""{"skip_rows_with_negative_truth_sum": true}"""));
        Assert.Equal(1.0, metric.Evaluate(Numbers([[0, 1, -1, 1, 0]], [[0.1, 0.9, double.NaN, 0.8, 0.2]])));
        var error = Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(Numbers([[0, 1, -1, 1, 0]], [[0.1, double.NaN, 0.5, 0.8, 0.2]])));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void NaN_infinite_and_text_predictions_are_invalid_submissions()
    {
        var nan = Assert.Throws<InvalidSubmissionException>(() => Metric.Evaluate(MetricInput.FromNumbers([0, 1, 1], [0.2, double.NaN, 0.9])));
        Assert.Contains("row 2", nan.Message);
        Assert.Throws<InvalidSubmissionException>(() => Metric.Evaluate(MetricInput.FromNumbers([0, 1, 1], [0.2, double.PositiveInfinity, 0.9])));
        var input = new MetricInput([MetricColumn.FromNumbers("y", [0, 1, 1])],
            [MetricColumn.FromTexts("y", ["0.2", "high", "0.9"], isSubmission: true)], MetricParameters.Empty);
        var text = Assert.Throws<InvalidSubmissionException>(() => Metric.Evaluate(input));
        Assert.Contains("'high'", text.Message);
    }

    [Fact]
    public void Empty_input_is_a_clear_error()
    {
        Assert.Throws<CompetitionDataException>(() => Metric.Evaluate(MetricInput.FromNumbers([], [])));
    }

    [Theory]
    [InlineData("""{"average": "micro"}""")]
    [InlineData("""{"reduce": "flatten"}""")]
    [InlineData("""{"undefined_score": "half"}""")]
    [InlineData("""{"skip_rows_with_negative_truth_sum": "yes"}""")]
    [InlineData("""{"pos_label": 1}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => new AucMetric(MetricParameters.Parse(json)));
    }

    [Fact]
    public void A_million_rows_score_quickly_and_match_the_rank_formula()
    {
        const int n = 1_000_000;
        var random = new Random(5);
        var truth = new double[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = random.Next(2);
            scores[i] = Math.Round(random.NextDouble() * 0.5 + truth[i] * 0.2, 3);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var auc = Metric.Evaluate(MetricInput.FromNumbers(truth, scores));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        AssertClose(MannWhitneyAuc(truth, scores), auc);
    }

    /// <summary>AUC as the Mann-Whitney statistic with mid-ranks: an independent route to the same number.</summary>
    private static double MannWhitneyAuc(double[] truth, double[] scores)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0, positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end < order.Length && scores[order[end]] == scores[order[start]]) end++;
            var midRank = (start + 1 + end) / 2.0;
            for (var j = start; j < end; j++)
                if (truth[order[j]] == 1) { positiveRankSum += midRank; positives++; }
            start = end;
        }
        var negatives = scores.Length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}

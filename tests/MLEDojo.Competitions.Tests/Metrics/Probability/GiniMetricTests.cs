using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>
/// Expected values: 2·roc_auc_score−1 from scikit-learn, and the Kaggle normalized Gini computed in numpy with
/// a stable argsort (which pins down the order of tied predictions).
/// </summary>
public class GiniMetricTests
{
    private static GiniMetric Create(string json) => new(MetricParameters.Parse(json));

    [Fact]
    public void Auc_variant_is_twice_the_auc_minus_one()
    {
        double[] truth = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0];
        double[] scores = [0.8, 0.7, 0.5, 0.8, 0.5, 1.0, 0.2, 0.6, 0.5, 0.4, 0.6, 0.2, 0.8, 0.9, 0.1, 0.5, 0.3, 0.1, 0.9, 0.4, 0.1, 0.7, 0.2, 0.9, 0.2, 0.0, 0.2, 0.3, 0.5, 0.9];
        AssertClose(-0.3303571428571428, Create("""{"variant": "auc"}""").Evaluate(MetricInput.FromNumbers(truth, scores)));
    }

    [Fact]
    public void Auc_variant_single_class_answer_uses_the_configured_score_or_fails()
    {
        var input = MetricInput.FromNumbers([0, 0, 0], [0.1, 0.5, 0.7]);
        Assert.Equal(0.0, Create("""{"variant": "auc", "single_class_score": 0.0}""").Evaluate(input));
        Assert.Throws<CompetitionDataException>(() => Create("""{"variant": "auc"}""").Evaluate(input));
    }

    [Fact]
    public void Normalized_gini_matches_kaggle_formula_on_continuous_values()
    {
        double[] actual = [2.49, 1.38, 3.9, 4.98, 2.86, 6.06, 6.03, 2.4, 6.23, 3.57, 7.35, 2.9, 7.99, 4.15, 5.53, 6.73, 5.18, 2.58, 9.79, 0.96, 3.25, 5.49, 0.29, 1.55, 7.99];
        double[] predicted = [0.7838143819950656, 0.6369663971231067, 0.9017996600943878, 0.7555234033370557, 0.29878446694892125, 0.6448665262126427, 0.34008236435920547, 0.7498444329241765, 0.38479370884446573, 0.15324335875809325, 0.8764566082257105, 0.6904054473036009, 0.7446787391543124, 0.5595979145034932, 0.7829416177969859, 0.44787339637869705, 0.5657930406632432, 0.06256378239250149, 0.5550687141384284, 0.814603599917806, 0.7055455237189695, 0.8031521953292047, 0.4960991196561647, 0.8813351361127383, 0.10830233817094292];
        AssertClose(-0.16078092927784987, Create("""{"variant": "normalized"}""").Evaluate(MetricInput.FromNumbers(actual, predicted)));
    }

    [Fact]
    public void Tied_predictions_follow_the_configured_row_order()
    {
        double[] actual = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0];
        double[] predicted = [0.3, 0.2, 0.1, 0.3, 0.3, 0.1, 0.2, 0.3, 0.1, 0.3, 0.2, 0.1, 0.1, 0.3, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.1, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.2, 0.3, 0.3, 0.1, 0.3, 0.1, 0.1, 0.2, 0.3];
        var input = MetricInput.FromNumbers(actual, predicted);
        AssertClose(0.23232323232323243, Create("""{"variant": "normalized", "tie_order": "row"}""").Evaluate(input));
        AssertClose(0.040404040404040255, Create("""{"variant": "normalized", "tie_order": "reverse_row"}""").Evaluate(input));
    }

    [Fact]
    public void Perfect_ranking_scores_one_and_all_zero_actuals_score_zero()
    {
        var metric = Create("""{"variant": "normalized"}""");
        AssertClose(1.0, metric.Evaluate(MetricInput.FromNumbers([0, 3, 1, 7], [0.0, 0.3, 0.1, 0.7])));
        Assert.Equal(0.0, metric.Evaluate(MetricInput.FromNumbers([0, 0, 0], [0.2, 0.1, 0.3])));
    }

    [Fact]
    public void All_equal_predictions_with_reverse_row_ties_match_numpy()
    {
        // argsort(p)[::-1] with equal p visits rows last to first: actual [1, 0, 0] becomes [0, 0, 1].
        var metric = Create("""{"variant": "normalized", "tie_order": "reverse_row"}""");
        // gini([0,0,1]) = (1/1 - 2)/3 = -1/3; perfect = ([1,1,1] sum 3)/1 - 2 = 1 -> 1/3; ratio -1.
        AssertClose(-1.0, metric.Evaluate(MetricInput.FromNumbers([1, 0, 0], [0.5, 0.5, 0.5])));
    }

    [Fact]
    public void Bad_predictions_are_invalid_submissions()
    {
        var metric = Create("""{"variant": "normalized"}""");
        Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(MetricInput.FromNumbers([0, 1], [0.5, double.NaN])));
        var input = new MetricInput([MetricColumn.FromNumbers("y", [0, 1])],
            [MetricColumn.FromTexts("y", ["0.5", "abc"], isSubmission: true)], MetricParameters.Empty);
        Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(input));
        Assert.Throws<InvalidSubmissionException>(() => Create("""{"variant": "auc"}""").Evaluate(MetricInput.FromNumbers([0, 1], [double.NaN, 0.1])));
    }

    [Fact]
    public void Empty_input_is_a_clear_error()
    {
        Assert.Throws<CompetitionDataException>(() => Create("""{"variant": "normalized"}""").Evaluate(MetricInput.FromNumbers([], [])));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"variant": "plain"}""")]
    [InlineData("""{"variant": "normalized", "single_class_score": 0}""")]
    [InlineData("""{"variant": "auc", "tie_order": "row"}""")]
    [InlineData("""{"variant": "normalized", "tie_order": "random"}""")]
    [InlineData("""{"variant": "normalized", "weights": [1]}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => Create(json));
    }
}

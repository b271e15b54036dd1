using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

public class OrderFamilyTests
{
    private static double OrderScore(string?[] truth, string?[] prediction) =>
        Metric("order_kendall_tau").Evaluate(MetricInput.FromTexts(truth, prediction, name: "cell_order"));

    private static double DayScore(string?[] truth, string?[] prediction) =>
        Metric("mean_row_spearman").Evaluate(MetricInput.FromTexts(truth, prediction, name: "day"));

    [Fact]
    public void Order_tau_sums_swaps_over_all_rows() =>
        // 2 + 3 + 0 inversions over 5·4 + 3·2 + 1·0 ordered pairs: 1 - 4·5/26.
        Close(0.23076923076923073, OrderScore(["a b c d e", "x y z", "p"], ["b a d c e", "z y x", "p"]));

    [Fact]
    public void Order_tau_is_one_for_the_true_order_and_minus_one_for_its_reverse()
    {
        Assert.Equal(1.0, OrderScore(["a b c"], ["a  b\tc "]));
        Assert.Equal(-1.0, OrderScore(["a b c"], ["c b a"]));
    }

    [Fact]
    public void Order_tau_tolerates_a_repeated_id_as_upstream_does() =>
        // rank list [1, 0, 2, 0]: three inversions over 3·2 pairs.
        Assert.Equal(-1.0, OrderScore(["a b c"], ["b a c a"]));

    [Fact]
    public void Order_tau_refuses_a_prediction_that_leaves_out_an_item()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => OrderScore(["a b c"], ["b a"]));
        Assert.Contains("'c'", error.Message);
    }

    [Fact]
    public void Order_tau_of_single_item_rows_is_one() => Assert.Equal(1.0, OrderScore(["a", "b"], ["a", "b"]));

    [Fact]
    public void Order_tau_refuses_an_unknown_id()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => OrderScore(["a b", "c d"], ["a b", "c x"]));
        Assert.Contains("'x'", error.Message);
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Order_tau_refuses_an_empty_prediction() =>
        Assert.Throws<InvalidSubmissionException>(() => OrderScore(["a b"], [null]));

    [Fact]
    public void Order_tau_refuses_empty_input() =>
        Assert.Throws<CompetitionDataException>(() => OrderScore([], []));

    [Fact]
    public void Row_spearman_averages_per_row_correlations() =>
        Close(0.8999999999999998, DayScore(["1 2 3 4 5", "5 3 1 2 4"], ["2 1 3 4 5", "4 3 1 2 5"]));

    [Fact]
    public void Row_spearman_refuses_non_integers()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => DayScore(["1 2 3"], ["1 2.5 3"]));
        Assert.Contains("'2.5'", error.Message);
    }

    [Fact]
    public void Row_spearman_refuses_a_wrong_count() =>
        Assert.Throws<InvalidSubmissionException>(() => DayScore(["1 2 3"], ["1 2"]));

    [Fact]
    public void Row_spearman_refuses_a_constant_prediction() =>
        Assert.Throws<InvalidSubmissionException>(() => DayScore(["1 2 3"], ["2 2 2"]));

    [Fact]
    public void Row_spearman_refuses_an_empty_prediction() =>
        Assert.Throws<InvalidSubmissionException>(() => DayScore(["1 2 3"], [null]));
}

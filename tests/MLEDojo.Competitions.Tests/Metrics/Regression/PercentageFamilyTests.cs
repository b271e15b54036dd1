using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

// Expected values come from scikit-learn 1.2.1 / numpy 1.24 (Debian's /usr/bin/python3).
public class PercentageFamilyTests
{
    [Fact]
    public void Smape_scores_rows_where_both_sides_are_zero_as_zero() =>
        Close(83.63636363636363, Score("smape", [0, 10, 5, 0, 3], [0, 12, 0, 2, 3]));

    [Fact]
    public void Smape_matches_the_plain_formula_with_negative_values() =>
        Close(100.04662004662006, Score("smape", [1, 10, 5, -4, 3], [2, 12, 0, 2, 3.5]));

    [Fact]
    public void Smape_scale_changes_the_unit() =>
        Close(0.8363636363636363, Score("smape", [0, 10, 5, 0, 3], [0, 12, 0, 2, 3], """{"scale": 1}"""));

    [Fact]
    public void Smape_refuses_zero_over_zero_when_upstream_would_give_nan()
    {
        var error = Assert.Throws<InvalidSubmissionException>(
            () => Score("smape", [0, 10, 5], [0, 12, 0], """{"zero_denominator": "error"}"""));
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void Mape_divides_by_machine_epsilon_when_the_truth_is_zero() =>
        Close(1125899906842624.0, Score("mape", [0, 2, -4, 1], [1, 2.5, -3, 1]));

    [Fact]
    public void Rmspe_can_skip_rows_whose_truth_is_zero() =>
        Close(0.19364916731037085, Score("rmspe", [10, 20, 0, 40], [12, 18, 5, 30], """{"zero_truth": "skip"}"""));

    [Fact]
    public void Rmspe_refuses_a_zero_truth_by_default() =>
        Assert.Throws<CompetitionDataException>(() => Score("rmspe", [10, 0], [12, 1]));
}

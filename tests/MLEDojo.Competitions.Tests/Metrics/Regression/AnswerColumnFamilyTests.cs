using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

/// <summary>
/// The families that read answer-only columns (weights, groups, ids). Expected values come from running the
/// upstream classes' <c>evaluate</c> with pandas 1.5.3 / numpy 1.24 (Debian's /usr/bin/python3) on the same frames.
/// </summary>
public class AnswerColumnFamilyTests
{
    private static MetricInput Input(double[] truth, double[] prediction, params MetricColumn[] answerOnly) =>
        new([MetricColumn.FromNumbers("y", truth)], [MetricColumn.FromNumbers("y", prediction, isSubmission: true)],
            MetricParameters.Empty, answerOnly.ToDictionary(c => c.Name));

    private static MetricInput TextInput(double[] truth, string?[] prediction, params MetricColumn[] answerOnly) =>
        new([MetricColumn.FromNumbers("y", truth)], [MetricColumn.FromTexts("y", prediction, isSubmission: true)],
            MetricParameters.Empty, answerOnly.ToDictionary(c => c.Name));

    private static MetricColumn Numbers(string name, params double[] values) => MetricColumn.FromNumbers(name, values);

    private static MetricColumn Texts(string name, params string?[] values) => MetricColumn.FromTexts(name, values);

    private static readonly IMetric WeightedMae = Metric("weighted_mae", """{"weight_column": "weight"}""");
    private static readonly IMetric GroupLogMae = Metric("group_log_mae", """{"group_column": "type", "floor": 1e-9}""");
    private static readonly IMetric WintonMae = Metric("winton_weighted_mae");

    // weighted_mae

    [Fact]
    public void Weighted_mae_matches_upstream_over_nine_rows() =>
        Close(0.7529411764705889, WeightedMae.Evaluate(Input(
            [100.5, 98.2, 101.3, 99.9, 102.4, 97.0, 100.0, 103.1, 99.5],
            [100.0, 98.7, 101.3, 98.4, 103.0, 97.25, 99.1, 104.0, 99.8],
            Numbers("weight", 1.0, 2.5, 0.5, 3.0, 1.2, 0.8, 4.0, 0.1, 2.2))));

    [Fact]
    public void Weighted_mae_accepts_negative_weights_as_upstream_does() =>
        Close(0.3, WeightedMae.Evaluate(Input([1, 2, 3], [1.5, 1, 3.25], Numbers("weight", 2, -0.5, 1))));

    [Fact]
    public void Weighted_mae_of_one_row_is_its_absolute_error() =>
        Close(0.7999999999999998, WeightedMae.Evaluate(Input([5.0], [4.2], Numbers("weight", 0.3))));

    [Fact]
    public void Weighted_mae_refuses_weights_that_sum_to_zero()
    {
        var e = Assert.Throws<CompetitionDataException>(() => WeightedMae.Evaluate(Input([1, 2], [1, 3], Numbers("weight", 0, 0))));
        Assert.Contains("'weight'", e.Message);
    }

    [Fact]
    public void Weighted_mae_blames_a_nan_weight_on_the_answer()
    {
        var e = Assert.Throws<CompetitionDataException>(() => WeightedMae.Evaluate(Input([1, 2], [1, 3], Numbers("weight", 1, double.NaN))));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void Weighted_mae_needs_its_weight_column_and_parameter()
    {
        var e = Assert.Throws<CompetitionDataException>(() => WeightedMae.Evaluate(Input([1, 2], [1, 3])));
        Assert.Contains("answer_columns", e.Message);
        Assert.Throws<CompetitionDataException>(() => Metric("weighted_mae"));
        Assert.Throws<CompetitionDataException>(() => Metric("weighted_mae", """{"weight_column": "w", "reduce": "flatten"}"""));
    }

    // group_log_mae

    [Fact]
    public void Group_log_mae_matches_upstream_with_a_large_and_a_single_row_group() =>
        Close(-0.8088792472213416, GroupLogMae.Evaluate(Input(
            [84.8, -11.2, 83.1, 1.5, 90.2, -10.0, 85.5, 86.0, 79.9, 88.8, 84.1, 82.2, -9.1],
            [84.0, -11.0, 84.0, 1.2, 89.0, -10.5, 85.5, 87.1, 80.0, 88.0, 84.5, 82.2, -9.9],
            Texts("type", "1JHC", "2JHH", "1JHC", "3JHN", "1JHC", "2JHH", "1JHC", "1JHC", "1JHC", "1JHC", "1JHC", "1JHC", "2JHH"))));

    [Fact]
    public void Group_log_mae_averages_nine_groups_in_key_order() =>
        Close(-3.2380976333359768, GroupLogMae.Evaluate(Input(
            [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5],
            [0.7, 1.1, 2.5, 3.0, 4.9, 5.2, 6.0, 7.9, 8.4, 9.0, 10.6, 11.0, 12.1, 13.3],
            Texts("type", "g3", "g1", "g4", "g1", "g5", "g9", "g2", "g6", "g5", "g3", "g5", "g8", "g9", "g7"))));

    [Fact]
    public void Group_log_mae_floors_a_perfect_group() =>
        Close(-11.05478009903315, GroupLogMae.Evaluate(Input([1, 2, 3], [1, 2.5, 3], Texts("type", "a", "b", "b"))));

    [Fact]
    public void Group_log_mae_of_perfect_predictions_is_log_of_the_floor() =>
        Close(-20.72326583694641, GroupLogMae.Evaluate(Input([1, 2], [1, 2], Texts("type", "a", "b"))));

    [Fact]
    public void Group_log_mae_leaves_out_rows_without_a_group() =>
        Close(-0.14384103622589045, GroupLogMae.Evaluate(Input([1, 2, 3, 4], [1.5, 9, 2, 3], Texts("type", "a", null, "b", "a"))));

    [Fact]
    public void Group_log_mae_groups_numeric_keys_by_value() =>
        Close(-0.14384103622589045, GroupLogMae.Evaluate(Input([1, 2, 3], [1.5, 3, 4], Numbers("type", 2, 1, 2))));

    [Fact]
    public void Group_log_mae_refuses_an_answer_with_no_group()
    {
        var e = Assert.Throws<CompetitionDataException>(() => GroupLogMae.Evaluate(Input([1, 2], [1, 2], Texts("type", null, null))));
        Assert.Contains("'type'", e.Message);
    }

    [Fact]
    public void Group_log_mae_refuses_a_non_positive_floor() =>
        Assert.Throws<CompetitionDataException>(() => Metric("group_log_mae", """{"group_column": "type", "floor": 0}"""));

    // winton_weighted_mae

    private static readonly string[] WintonIds = ["3_1", "3_2", "3_60", "3_61", "3_62", "7_5", "7_61", "10_1", "10_62", "10_30"];

    [Fact]
    public void Winton_matches_upstream_over_intraday_and_daily_returns() =>
        Close(4414.000275, WintonMae.Evaluate(Input(
            [0.001, -0.002, 0.0005, 0.01, -0.02, 0.003, 0.015, -0.0007, 0.004, 0.0],
            [0.0, 0.0, 0.001, 0.005, -0.01, 0.0, 0.01, 0.0, 0.0, 0.0001],
            Texts("Id", WintonIds),
            Numbers("Weight_Intraday", 1200000.0, 1200000.0, 1200000.0, 0.0, 0.0, 1500000.5, 0.0, 1300000.0, 0.0, 1300000.0),
            Numbers("Weight_Daily", 0.0, 0.0, 0.0, 1400000.0, 1400000.0, 0.0, 1600000.25, 0.0, 1350000.0, 0.0))));

    [Fact]
    public void Winton_picks_the_weight_column_by_return_index_not_by_value() =>
        Close(3.1666666666666665, WintonMae.Evaluate(Input([1, 2, 3], [0, 0, 0],
            Texts("Id", "1_1", "1_61", "1_62"), Numbers("Weight_Intraday", 2, 5, 7), Numbers("Weight_Daily", 11, 3, 0.5))));

    [Fact]
    public void Winton_divides_by_the_row_count_even_when_every_weight_is_zero() =>
        Assert.Equal(0.0, WintonMae.Evaluate(Input([1, 2], [0, 0],
            Texts("Id", "1_1", "1_61"), Numbers("Weight_Intraday", 0, 0), Numbers("Weight_Daily", 0, 0))));

    [Fact]
    public void Winton_ignores_a_missing_weight_the_row_does_not_use() =>
        Close(2.0, WintonMae.Evaluate(Input([1], [0],
            Texts("Id", "4_12"), Numbers("Weight_Intraday", 2), Numbers("Weight_Daily", double.NaN))));

    [Theory]
    [InlineData("3_63")]
    [InlineData("3_0")]
    [InlineData("3")]
    [InlineData("3_1_1")]
    [InlineData("x_5")]
    public void Winton_refuses_ids_without_a_window_and_return_index(string id)
    {
        var e = Assert.Throws<CompetitionDataException>(() => WintonMae.Evaluate(Input([1], [0],
            Texts("Id", id), Numbers("Weight_Intraday", 1), Numbers("Weight_Daily", 1))));
        Assert.Contains($"'{id}'", e.Message);
    }

    // shared

    public static TheoryData<string> Families() => ["weighted_mae", "group_log_mae", "winton_weighted_mae"];

    private static MetricColumn[] AnswerColumnsFor(string family, int rows) => family switch
    {
        "weighted_mae" => [Numbers("weight", Enumerable.Repeat(1.0, rows).ToArray())],
        "group_log_mae" => [Texts("type", Enumerable.Repeat("a", rows).ToArray())],
        _ => [Texts("Id", Enumerable.Range(1, rows).Select(i => $"1_{i}").ToArray()),
              Numbers("Weight_Intraday", Enumerable.Repeat(1.0, rows).ToArray()), Numbers("Weight_Daily", Enumerable.Repeat(1.0, rows).ToArray())],
    };

    private static IMetric FamilyMetric(string family) => family switch
    {
        "weighted_mae" => WeightedMae,
        "group_log_mae" => GroupLogMae,
        _ => WintonMae,
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Nan_prediction_is_an_invalid_submission_naming_column_and_row(string family)
    {
        var e = Assert.Throws<InvalidSubmissionException>(() => FamilyMetric(family).Evaluate(
            Input([1, 2, 3], [1, double.NaN, 3], AnswerColumnsFor(family, 3))));
        Assert.Contains("'y'", e.Message);
        Assert.Contains("row 2", e.Message);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Non_numeric_prediction_is_an_invalid_submission_naming_the_value(string family)
    {
        var e = Assert.Throws<InvalidSubmissionException>(() => FamilyMetric(family).Evaluate(
            TextInput([1, 2, 3], ["1", "2", "high"], AnswerColumnsFor(family, 3))));
        Assert.Contains("row 3", e.Message);
        Assert.Contains("'high'", e.Message);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Infinite_prediction_is_an_invalid_submission(string family) =>
        Assert.Throws<InvalidSubmissionException>(() => FamilyMetric(family).Evaluate(
            Input([1, 2], [double.PositiveInfinity, 2], AnswerColumnsFor(family, 2))));

    [Theory]
    [MemberData(nameof(Families))]
    public void Empty_input_has_no_score(string family) =>
        Assert.Throws<CompetitionDataException>(() => FamilyMetric(family).Evaluate(Input([], [], AnswerColumnsFor(family, 0))));

    [Theory]
    [MemberData(nameof(Families))]
    public void Nan_true_value_is_an_answer_problem(string family) =>
        Assert.Throws<CompetitionDataException>(() => FamilyMetric(family).Evaluate(
            Input([1, double.NaN], [1, 2], AnswerColumnsFor(family, 2))));
}

using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

// Expected values come from scikit-learn 1.2.1 r2_score (Debian's /usr/bin/python3).
public class R2FamilyTests
{
    [Fact]
    public void Matches_r2_score() =>
        Close(0.9556136705595758, Score("r2", [3, -0.5, 2, 7, 4.2, 0, 1.5], [2.5, 0.0, 2, 8, 3.9, 0.3, 1.2]));

    [Theory]
    [InlineData("column_mean", 0.8980709476954946)]
    [InlineData("flatten", 0.9824345399326931)]
    public void Several_columns_average_or_flatten(string reduce, double expected) =>
        Close(expected, Metric("r2", $$"""{"reduce": "{{reduce}}"}""").Evaluate(
            Columns([[1, 2, 3, 4], [10, 20, 33, 38]], [[1.5, 1.5, 3.5, 4], [12, 18, 30, 41]])));

    [Fact]
    public void Constant_truth_scores_one_when_exact_and_zero_otherwise()
    {
        Assert.Equal(1.0, Score("r2", [2, 2, 2], [2, 2, 2]));
        Assert.Equal(0.0, Score("r2", [2, 2, 2], [2, 2, 3]));
    }

    [Fact]
    public void Single_row_has_no_r2() =>
        Assert.Throws<CompetitionDataException>(() => Score("r2", [1], [1]));
}

using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

// Expected values come from scikit-learn 1.2.1 / numpy 1.24 (Debian's /usr/bin/python3).
public class LogErrorFamilyTests
{
    private static readonly double[] Truth = [3, 0.5, 2, 7, 4.2, 0, 1.5];
    private static readonly double[] Prediction = [2.5, 0, 2, 8, 3.9, 0.3, 1.2];

    [Fact]
    public void Msle_matches_mean_squared_log_error() => Close(0.04068756446277772, Score("msle", Truth, Prediction));

    [Fact]
    public void Rmsle_is_its_square_root() => Close(0.20171158732898248, Score("rmsle", Truth, Prediction));

    [Fact]
    public void Log_of_value_plus_one_gives_the_same_score_for_ordinary_values() =>
        Close(0.20171158732898248, Score("rmsle", Truth, Prediction, """{"log": "log_plus_one"}"""));

    [Fact]
    public void Negative_prediction_is_refused_by_default_as_scikit_learn_does()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score("rmsle", Truth, [2.5, -0.5, 2, 8, 3.9, 0.3, 1.2]));
        Assert.Contains("row 2", error.Message);
        Assert.Contains("-0.5", error.Message);
    }

    [Fact]
    public void Numpy_style_log1p_scores_negatives_above_minus_one() =>
        Close(0.43545706007085416, Score("rmsle", Truth, [2.5, -0.5, 2, 8, 3.9, 0.3, 1.2], """{"negative": "allow"}"""));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-3.0)]
    public void Values_without_a_logarithm_are_refused_even_when_negatives_are_allowed(double value)
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score("rmsle", [1, 2], [1, value], """{"negative": "allow"}"""));
        Assert.Contains("> -1", error.Message);
    }

    [Fact]
    public void Negative_answer_value_blames_the_competition_data() =>
        Assert.Throws<CompetitionDataException>(() => Score("rmsle", [1, -2], [1, 2]));

    [Fact]
    public void Clip_min_clips_both_sides_before_the_logarithm() =>
        Close(0.17565304436785786, Score("rmsle", Truth, [2.5, -3, 2, 8, 3.9, -0.2, 1.2], """{"clip_min": 0, "negative": "allow"}"""));

    [Fact]
    public void Tiny_values_keep_log1p_precision()
    {
        // log1p(1e-12) is 1e-12 to full precision; log(1 + 1e-12) would be off in the fifth digit.
        Close(1e-12, Score("rmsle", [0], [1e-12]));
    }
}

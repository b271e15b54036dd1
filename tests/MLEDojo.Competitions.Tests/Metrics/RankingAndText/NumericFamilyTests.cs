using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>kl_divergence and mean_angular_error.</summary>
public sealed class NumericFamilyTests
{
    private static MetricInput Votes(double[][] truth, double[][] prediction)
    {
        var names = new[] { "v1", "v2", "v3" };
        return Columns(
            names.Select((n, c) => TruthNumbers(n, truth.Select(r => r[c]).ToArray())).ToArray(),
            names.Select((n, c) => PredictedNumbers(n, prediction.Select(r => r[c]).ToArray())).ToArray());
    }

    [Fact]
    public void Kl_divergence_normalises_answers_and_clips_predictions()
    {
        // Row 1: p = (0.75, 0.25, 0) vs q = (0.5, 0.5, 0): 0.75 ln 1.5 + 0.25 ln 0.5. Row 2: all-zero answer scores 0.
        var expected = (0.75 * Math.Log(0.75 / 0.5) + 0.25 * Math.Log(0.25 / 0.5) + 0) / 2;
        Approx.Equal(expected, Metric("kl_divergence").Evaluate(Votes([[3, 1, 0], [0, 0, 0]], [[0.5, 0.5, 0], [0.2, 0.3, 0.5]])));
        // A zero prediction where the answer has mass is clipped to eps = 1e-15: ln(1 / 1e-15) (Python: 34.538776394910684).
        Approx.Equal(34.538776394910684, Metric("kl_divergence").Evaluate(Votes([[1, 0, 0]], [[0, 0.5, 0.5]])));
    }

    [Fact]
    public void Kl_divergence_rejects_bad_predictions()
    {
        var rowSums = Metric("kl_divergence", """{"row_sum_atol": 0.001}""");
        Assert.Throws<InvalidSubmissionException>(() => rowSums.Evaluate(Votes([[1, 0, 0]], [[0.5, 0.5, 0.5]])));
        Assert.Equal(0.0, rowSums.Evaluate(Votes([[1, 1, 0]], [[0.5, 0.5, 0.0005]])), 12);
        Assert.Throws<InvalidSubmissionException>(() => Metric("kl_divergence").Evaluate(Votes([[1, 0, 0]], [[double.NaN, 0.5, 0.5]])));
        var text = Columns([TruthNumbers("v1", 1), TruthNumbers("v2", 0)], [Predicted("v1", "high"), PredictedNumbers("v2", 0)]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("kl_divergence").Evaluate(text));
    }

    [Fact]
    public void Kl_divergence_needs_rows_columns_and_valid_parameters()
    {
        Assert.Throws<CompetitionDataException>(() => Metric("kl_divergence").Evaluate(Votes([], [])));
        Assert.Throws<CompetitionDataException>(() => Metric("kl_divergence").Evaluate(MetricInput.FromNumbers([1], [1])));
        Assert.Throws<ArgumentException>(() => new KlDivergenceMetric(MetricParameters.Parse("""{"eps": 0}""")));
        Assert.Throws<ArgumentException>(() => new KlDivergenceMetric(MetricParameters.Parse("""{"row_sum_atol": -1}""")));
    }

    [Fact]
    public void Angular_error_of_opposite_and_perpendicular_directions()
    {
        var input = Columns(
            [TruthNumbers("azimuth", 0, 0, 1), TruthNumbers("zenith", 0, Math.PI / 2, 1)],
            [PredictedNumbers("azimuth", 0, Math.PI / 2, 1 + 2 * Math.PI), PredictedNumbers("zenith", Math.PI, Math.PI / 2, 1)]);
        // Python: (pi + pi/2 + arccos(clip(...)) for the identical direction) / 3.
        var identical = Math.Acos(Math.Clamp(Math.Sin(1) * Math.Sin(1) * Math.Cos(-2 * Math.PI) + Math.Cos(1) * Math.Cos(1), -1, 1));
        Approx.Equal((Math.PI + Math.PI / 2 + identical) / 3, Metric("mean_angular_error").Evaluate(input));
    }

    [Fact]
    public void Angular_error_rejects_missing_values_and_wrong_columns()
    {
        var input = Columns([TruthNumbers("azimuth", 0), TruthNumbers("zenith", 0)], [PredictedNumbers("azimuth", double.NaN), PredictedNumbers("zenith", 0)]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("mean_angular_error").Evaluate(input));
        Assert.Throws<CompetitionDataException>(() => Metric("mean_angular_error").Evaluate(MetricInput.FromNumbers([1], [1])));
        Assert.Throws<ArgumentException>(() => new MeanAngularErrorMetric(MetricParameters.Parse("""{"degrees": true}""")));
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>dice_hausdorff.</summary>
public sealed class DiceHausdorffMetricTests
{
    private const string Grid8 = """{"size": 8, "dice_weight": 0.4}""";

    [Fact]
    public void Both_empty_scores_zero_dice_and_zero_distance()
    {
        // 0.4 * 0 + 0.6 * (1 - 0).
        Approx.Equal(0.6, Score("dice_hausdorff", Grid8, [null], ["  "]));
    }

    [Fact]
    public void One_empty_mask_is_the_worst_distance()
    {
        Approx.Equal(0.0, Score("dice_hausdorff", Grid8, ["1 3"], [null]));
    }

    [Fact]
    public void Distance_is_normalised_by_grid_size_and_root_two()
    {
        // On an 8x8 grid (column-major, 1-based): pixel 1 is (row 0, col 0), pixel 64 is (row 7, col 7).
        // Dice 0; Hausdorff sqrt(49 + 49) / 8 / sqrt(2) = 7/8.
        Approx.Equal(0.4 * 0 + 0.6 * (1 - 7.0 / 8), Score("dice_hausdorff", Grid8, ["1 1"], ["64 1"]));
        // Identical masks: Dice 1, distance 0.
        Approx.Equal(1.0, Score("dice_hausdorff", Grid8, ["3 10"], ["3 10"]));
    }

    [Fact]
    public void Malformed_masks_and_parameters_are_rejected()
    {
        Assert.Throws<InvalidSubmissionException>(() => Score("dice_hausdorff", Grid8, ["1 2"], ["1 2 3"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("dice_hausdorff", Grid8, ["1 2"], ["1 two"]));
        Assert.Throws<CompetitionDataException>(() => Score("dice_hausdorff", Grid8, [], []));
        Assert.Throws<ArgumentException>(() => new DiceHausdorffMetric(MetricParameters.Parse("{}")));
        Assert.Throws<ArgumentException>(() => new DiceHausdorffMetric(MetricParameters.Parse("""{"size": 8, "dice_weight": 2}""")));
    }

    [Fact]
    public void Distance_transform_matches_brute_force()
    {
        var random = new Random(3);
        var transform = new SquaredDistanceTransform();
        for (var trial = 0; trial < 200; trial++)
        {
            int rows = random.Next(1, 30), columns = random.Next(1, 30);
            var targets = new bool[rows * columns];
            for (var i = 0; i < targets.Length; i++) targets[i] = random.Next(10) == 0;
            targets[random.Next(targets.Length)] = true;
            var distances = transform.Compute(targets, rows, columns).ToArray();
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                {
                    var best = long.MaxValue;
                    for (var i = 0; i < targets.Length; i++)
                        if (targets[i]) best = Math.Min(best, (long)(i / columns - r) * (i / columns - r) + (long)(i % columns - c) * (i % columns - c));
                    Assert.Equal(best, distances[r * columns + c]);
                }
        }
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>rle_dice, rle_fbeta and rle_iou_sweep.</summary>
public sealed class RunLengthFamilyTests
{
    private const string TgsShape = """{"height": 101, "width": 101, "thresholds": [0.5, 0.55, 0.6000000000000001, 0.6500000000000001, 0.7000000000000002, 0.7500000000000002, 0.8000000000000003, 0.8500000000000003, 0.9000000000000004, 0.9500000000000004]}""";

    [Fact]
    public void Dice_of_pixel_sets_with_overlapping_answer_runs()
    {
        // {1,2,3} vs {2,3,4}: 4/6. Answer runs "1 5 3 5" cover {1..7}; prediction {2,3}: 4/9. Both empty: 1.
        Approx.Equal((4.0 / 6 + 4.0 / 9 + 1) / 3, Score("rle_dice", "{}", ["1 3", "1 5 3 5", null], ["2 3", "2 2", "  "]));
    }

    [Fact]
    public void Dice_rejects_malformed_submissions()
    {
        foreach (var bad in new[] { "1 2 3", "-1 2", "1 0", "1 a", "1.5 2" })
        {
            var error = Assert.Throws<InvalidSubmissionException>(() => Score("rle_dice", "{}", ["1 3", "1 3"], ["1 3", bad]));
            Assert.Contains("row 2", error.Message);
        }
        Assert.Throws<CompetitionDataException>(() => Score("rle_dice", "{}", ["1 2 3"], ["1 3"]));
        Assert.Throws<CompetitionDataException>(() => Score("rle_dice", "{}", [], []));
        Assert.Throws<ArgumentException>(() => new RleDiceMetric(MetricParameters.Parse("""{"both_empty": -1}""")));
    }

    [Fact]
    public void F_beta_with_empty_masks_and_no_overlap()
    {
        // Row 1: tp 2, fp 1, fn 1: P = R = 2/3, F0.5 = 2/3. Row 2: both empty, P = R = 1: 1. Row 3: no overlap: 0.
        Approx.Equal((2.0 / 3 + 1 + 0) / 3, Score("rle_fbeta", """{"beta": 0.5}""", ["1 3", null, "1 2"], ["2 3", null, "5 2"]));
        // Row with answer only: P = 1 (no predictions), R = 0 -> (1.25 * 1 * 0) / (0.25 + 0) = 0.
        Assert.Equal(0.0, Score("rle_fbeta", """{"beta": 0.5}""", ["1 3"], [null]));
        // Precision-heavy row: tp 1, fp 0, fn 3 -> P 1, R 0.25: 1.25 * 0.25 / (0.25 + 0.25) = 0.625.
        Approx.Equal(0.625, Score("rle_fbeta", """{"beta": 0.5}""", ["1 4"], ["1 1"]));
    }

    [Fact]
    public void F_beta_rejects_overlapping_or_non_positive_runs()
    {
        Assert.Throws<InvalidSubmissionException>(() => Score("rle_fbeta", "{}", ["1 3"], ["1 5 3 2"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("rle_fbeta", "{}", ["1 3"], ["0 2"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("rle_fbeta", "{}", ["1 3"], ["2 0"]));
        Assert.Equal(1.0, Score("rle_fbeta", "{}", ["1 2 3 2"], ["1 4"]));
        Assert.Throws<ArgumentException>(() => new RleFBetaMetric(MetricParameters.Parse("""{"beta": 0}""")));
    }

    [Fact]
    public void Iou_sweep_counts_thresholds_reached()
    {
        // IoU 90/100 = 0.9 reaches 8 of the 10 thresholds (0.9000000000000004 is above 0.9): 0.8.
        Approx.Equal(0.8, Score("rle_iou_sweep", TgsShape, ["1 100"], ["1 90"]));
        // Both empty: IoU 1. Exactly one empty: IoU 0.
        Assert.Equal(1.0, Score("rle_iou_sweep", TgsShape, [null], ["  "]));
        Assert.Equal(0.0, Score("rle_iou_sweep", TgsShape, ["5 5"], [null]));
    }

    [Fact]
    public void Iou_sweep_decodes_with_numpy_slicing()
    {
        // 101 x 101 = 10201 pixels. "10199 50" is clipped to pixels 10198..10200 (3 pixels) and matches "10199 3".
        Assert.Equal(1.0, Score("rle_iou_sweep", TgsShape, ["10199 3"], ["10199 50"]));
        // Start 0 becomes index -1: mask[-1:1] is an empty slice, so the mask stays empty.
        Assert.Equal(1.0, Score("rle_iou_sweep", TgsShape, [null], ["0 2"]));
        // An unpaired last start is ignored, as zip() drops it.
        Assert.Equal(1.0, Score("rle_iou_sweep", TgsShape, ["50 20"], ["50 20 3"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("rle_iou_sweep", TgsShape, ["1 2"], ["1 x"]));
    }

    [Fact]
    public void Iou_sweep_parameters_are_required()
    {
        Assert.Throws<ArgumentException>(() => new RleIouSweepMetric(MetricParameters.Parse("""{"height": 101, "width": 101}""")));
        Assert.Throws<ArgumentException>(() => new RleIouSweepMetric(MetricParameters.Parse("""{"height": 0, "width": 101, "thresholds": [0.5]}""")));
        Assert.Throws<ArgumentException>(() => new RleIouSweepMetric(MetricParameters.Parse("""{"height": 1, "width": 1, "thresholds": []}""")));
    }
}

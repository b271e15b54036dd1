using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>box_precision_iou_sweep, voc_map, haversine_percentile and laplace_log_likelihood.</summary>
public sealed class GeometryFamilyTests
{
    private const string WheatThresholds = """{"thresholds": [0.5, 0.55, 0.6, 0.65, 0.7, 0.75]}""";

    [Fact]
    public void Box_sweep_scores_tp_over_tp_fp_fn()
    {
        // One exact match and one extra prediction at every threshold: 1 / (1 + 1 + 0).
        Approx.Equal(0.5, Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["0.9 0 0 10 10 0.5 50 50 5 5"]));
        // IoU 64/100 = 0.64 reaches 0.5, 0.55 and 0.6 (precision 1); above, TP 0 over FP 1 + FN 1 gives 0.
        Approx.Equal(3.0 / 6, Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["0.9 0 0 8 8"]));
    }

    [Fact]
    public void Box_sweep_images_without_answer_boxes_score_zero_and_confidence_ties_keep_order()
    {
        Assert.Equal(0.0, Score("box_precision_iou_sweep", WheatThresholds, [null], [null]));
        // Equal confidences: the first listed box (exact) claims the answer box, the second is a false positive.
        Approx.Equal(0.5, Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["0.5 0 0 10 10 0.5 0 0 9 9"]));
        // A trailing incomplete box is dropped.
        Approx.Equal(1.0, Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10 1.0"], ["0.5 0 0 10 10 0.3 1"]));
    }

    [Fact]
    public void Box_sweep_rejects_non_numbers_and_non_finite_values()
    {
        Assert.Throws<InvalidSubmissionException>(() => Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["0.5 0 0 ten 10"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["nan 0 0 10 10"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("box_precision_iou_sweep", WheatThresholds, ["1.0 0 0 10 10"], ["1 0 0 inf 10"]));
        Assert.Throws<CompetitionDataException>(() => Score("box_precision_iou_sweep", WheatThresholds, [], []));
        Assert.Throws<ArgumentException>(() => new BoxPrecisionIouSweepMetric(MetricParameters.Parse("{}")));
    }

    [Fact]
    public void Voc_map_per_class_average_precision()
    {
        // One class, two answer boxes in two images; predictions: hit (0.9), miss (0.8), hit (0.7).
        // recall 0.5, 0.5, 1; precision ~1, ~0.5, ~0.667: AP = 0.5 * 1/(1+1e-6) + 0.5 * 2/(3+1e-6).
        var expected = 0.5 * (1 / (1 + 1e-6)) + 0.5 * (2 / (3 + 1e-6));
        Approx.Equal(expected, Score("voc_map", """{"iou_threshold": 0.5}""",
            ["a 1 0 0 10 10", "a 1 0 0 10 10"],
            ["a 0.9 0 0 10 10 a 0.8 50 50 60 60", "a 0.7 0 0 10 10"]));
    }

    [Fact]
    public void Voc_map_duplicate_detection_is_a_false_positive_and_bad_cells_are_ignored()
    {
        var expected = 1 / (1 + 1e-6);
        Approx.Equal(expected, Score("voc_map", "{}", ["a 1 0 0 10 10"], ["a 0.9 0 0 10 10 a 0.8 0 0 10 10"]));
        // 7 tokens: the whole cell is ignored, so the only class has AP 0.
        Assert.Equal(0.0, Score("voc_map", "{}", ["a 1 0 0 10 10"], ["a 0.9 0 0 10 10 x"]));
        // No answer boxes at all: 0.
        Assert.Equal(0.0, Score("voc_map", "{}", [null], ["a 0.9 0 0 10 10"]));
        Assert.Throws<InvalidSubmissionException>(() => Score("voc_map", "{}", ["a 1 0 0 10 10"], ["a inf 0 0 10 10"]));
        Assert.Throws<ArgumentException>(() => new VocMapMetric(MetricParameters.Parse("""{"iou_threshold": 1.5}""")));
    }

    private static MetricInput Track(string?[] trips, double[] times, double[] latitudes, double[] longitudes, string?[] predictedTrips, double[] predictedTimes, double[] predictedLatitudes, double[] predictedLongitudes) =>
        Columns(
            [Truth("tripId", trips), TruthNumbers("UnixTimeMillis", times), TruthNumbers("LatitudeDegrees", latitudes), TruthNumbers("LongitudeDegrees", longitudes)],
            [Predicted("tripId", predictedTrips), PredictedNumbers("UnixTimeMillis", predictedTimes), PredictedNumbers("LatitudeDegrees", predictedLatitudes), PredictedNumbers("LongitudeDegrees", predictedLongitudes)]);

    [Fact]
    public void Haversine_percentiles_per_trip()
    {
        // One degree of latitude is R·π/180 metres. Trip t1 errors {0, 1°, 2°}: p50 = 1°, p95 = 1.9°; trip t2 {0}.
        var degree = 6371000 * Math.PI / 180;
        var input = Track(
            ["t1", "t1", "t1", "t2"], [1, 2, 3, 1], [0, 0, 0, 10], [0, 0, 0, 10],
            ["t2", "t1", "t1", "t1"], [1, 3, 1, 2], [10, 2, 0, 1], [10, 0, 0, 0]);
        Assert.Equal(((degree + 1.9 * degree) / 2 + 0) / 2, Metric("haversine_percentile").Evaluate(input), 6);
    }

    [Fact]
    public void Haversine_rejects_mismatched_keys_and_float_times()
    {
        var mismatched = Track(["t1"], [1], [0], [0], ["t2"], [1], [0], [0]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("haversine_percentile").Evaluate(mismatched));
        var floats = Columns(
            [Truth("tripId", "t1"), TruthNumbers("UnixTimeMillis", 1), TruthNumbers("LatitudeDegrees", 0), TruthNumbers("LongitudeDegrees", 0)],
            [Predicted("tripId", "t1"), MetricColumn.FromNumbers("UnixTimeMillis", [1.0], isSubmission: true, isInteger: false), PredictedNumbers("LatitudeDegrees", 0), PredictedNumbers("LongitudeDegrees", 0)]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("haversine_percentile").Evaluate(floats));
        var duplicated = Track(["t1", "t1"], [1, 1], [0, 0], [0, 0], ["t1", "t1"], [1, 1], [0, 0], [0, 0]);
        Assert.Throws<CompetitionDataException>(() => Metric("haversine_percentile").Evaluate(duplicated));
        var missing = Track(["t1"], [1], [0], [0], ["t1"], [1], [double.NaN], [0]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("haversine_percentile").Evaluate(missing));
    }

    private static MetricInput Fvc(string?[] keys, double[] truth, double[] predicted, double[] confidence) =>
        Columns(
            [Truth("Patient_Week", keys), TruthNumbers("FVC", truth), TruthNumbers("Confidence", keys.Select(_ => 100.0).ToArray())],
            [Predicted("Patient_Week", keys), PredictedNumbers("FVC", predicted), PredictedNumbers("Confidence", confidence)]);

    [Fact]
    public void Laplace_scores_each_patients_last_three_weeks()
    {
        // P1 has four weeks: week -3 is dropped. The scored rows: sigma 70 (NaN and 50 clip up), delta capped at 1000.
        var input = Fvc(["P1_-3", "P1_5", "P1_10", "P1_20"], [2000, 2100, 2200, 2300], [0, 2100, 2100, 5000], [100, double.NaN, 50, 200]);
        double Row(double delta, double sigma) => -Math.Sqrt(2) * delta / sigma - Math.Log(Math.Sqrt(2) * sigma);
        Approx.Equal((Row(0, 70) + Row(100, 70) + Row(1000, 200)) / 3, Metric("laplace_log_likelihood").Evaluate(input));
    }

    [Fact]
    public void Laplace_rejects_missing_scored_predictions_but_not_unscored_ones()
    {
        var unscored = Fvc(["P1_-3", "P1_5", "P1_10", "P1_20"], [2000, 2100, 2200, 2300], [double.NaN, 2100, 2200, 2300], [70, 70, 70, 70]);
        Approx.Equal(-Math.Log(Math.Sqrt(2) * 70), Metric("laplace_log_likelihood").Evaluate(unscored));
        var scored = Fvc(["P1_5"], [2100], [double.NaN], [70]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("laplace_log_likelihood").Evaluate(scored));
        var text = Columns(
            [Truth("Patient_Week", "P1_5"), TruthNumbers("FVC", 2100), TruthNumbers("Confidence", 100)],
            [Predicted("Patient_Week", "P1_5"), Predicted("FVC", "high"), PredictedNumbers("Confidence", 70)]);
        Assert.Throws<InvalidSubmissionException>(() => Metric("laplace_log_likelihood").Evaluate(text));
        Assert.Throws<CompetitionDataException>(() => Metric("laplace_log_likelihood").Evaluate(Fvc(["P1"], [1], [1], [1])));
        Assert.Throws<ArgumentException>(() => new LaplaceLogLikelihoodMetric(MetricParameters.Parse("""{"sigma_min": 0}""")));
    }
}

using MLEDojo.Competitions.Metrics.Label;

namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Label metric families.</summary>
public static class LabelFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
        registry.Add("accuracy", p => new AccuracyMetric(p));
        registry.Add("f1", p => new ClassificationScoreMetric("f1", ScoreKind.FBeta, p));
        registry.Add("fbeta", p => new ClassificationScoreMetric("fbeta", ScoreKind.FBeta, p));
        registry.Add("precision", p => new ClassificationScoreMetric("precision", ScoreKind.Precision, p));
        registry.Add("recall", p => new ClassificationScoreMetric("recall", ScoreKind.Recall, p));
        registry.Add("cohen_kappa", p => new CohenKappaMetric(p));
        registry.Add("mcc", p => new MatthewsCorrelationMetric(p));
        registry.Add("mean_set_f1", p => new MeanSetF1Metric(p));
        registry.Add("weighted_component_recall", p => new WeightedComponentRecallMetric(p));
        registry.Add("point_in_box_f1", p => new PointInBoxF1Metric(p));
        registry.Add("span_micro_f1", p => new SpanMicroF1Metric(p));
        registry.Add("mean_column_average_precision", p => new MeanColumnAveragePrecisionMetric(p));
    }
}

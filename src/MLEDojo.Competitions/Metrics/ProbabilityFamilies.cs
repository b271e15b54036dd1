using MLEDojo.Competitions.Metrics.Probability;

namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Probability metric families.</summary>
public static class ProbabilityFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
        registry.Add("auc", p => new AucMetric(p));
        registry.Add("gini", p => new GiniMetric(p));
        registry.Add("log_loss", p => new LogLossMetric(p));
        registry.Add("tpr_weighted_auc", p => new TprWeightedAucMetric(p));
        registry.Add("interpolated_tpr_weighted_auc", p => new InterpolatedTprWeightedAucMetric(p));
        registry.Add("jigsaw_bias_auc", p => new JigsawBiasAucMetric(p));
    }
}

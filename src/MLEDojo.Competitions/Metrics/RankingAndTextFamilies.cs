using MLEDojo.Competitions.Metrics.RankingAndText;

namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the RankingAndText metric families.</summary>
public static class RankingAndTextFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
        registry.Add(MapAtKMetric.FamilyName, p => new MapAtKMetric(p));
        registry.Add(NdcgAtKMetric.FamilyName, p => new NdcgAtKMetric(p));
        registry.Add(ExactMatchMetric.FamilyName, p => new ExactMatchMetric(p));
        registry.Add(LevenshteinMetric.FamilyName, p => new LevenshteinMetric(p));
        registry.Add(JaccardWordsMetric.FamilyName, p => new JaccardWordsMetric(p));
        registry.Add(KlDivergenceMetric.FamilyName, p => new KlDivergenceMetric(p));
        registry.Add(MeanAngularErrorMetric.FamilyName, p => new MeanAngularErrorMetric(p));
        registry.Add(RleDiceMetric.FamilyName, p => new RleDiceMetric(p));
        registry.Add(RleFBetaMetric.FamilyName, p => new RleFBetaMetric(p));
        registry.Add(RleIouSweepMetric.FamilyName, p => new RleIouSweepMetric(p));
        registry.Add(LaplaceLogLikelihoodMetric.FamilyName, p => new LaplaceLogLikelihoodMetric(p));
        registry.Add(HaversinePercentileMetric.FamilyName, p => new HaversinePercentileMetric(p));
        registry.Add(BoxPrecisionIouSweepMetric.FamilyName, p => new BoxPrecisionIouSweepMetric(p));
        registry.Add(VocMapMetric.FamilyName, p => new VocMapMetric(p));
        registry.Add(DiceHausdorffMetric.FamilyName, p => new DiceHausdorffMetric(p));
    }
}

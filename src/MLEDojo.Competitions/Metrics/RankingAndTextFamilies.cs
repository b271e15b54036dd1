namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the RankingAndText metric families.</summary>
public static class RankingAndTextFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
    }
}

namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Probability metric families.</summary>
public static class ProbabilityFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
    }
}

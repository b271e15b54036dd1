namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Regression metric families.</summary>
public static class RegressionFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
    }
}

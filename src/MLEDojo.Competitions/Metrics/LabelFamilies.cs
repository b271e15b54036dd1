namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Label metric families.</summary>
public static class LabelFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
    }
}

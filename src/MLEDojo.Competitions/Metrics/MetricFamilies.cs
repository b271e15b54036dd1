namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// Maps a catalog family name and its parameters to a metric. Each group of families registers itself in
/// its own file (<c>ProbabilityFamilies</c>, <c>LabelFamilies</c>, <c>RegressionFamilies</c>, <c>RankingAndTextFamilies</c>), so
/// adding a family never touches this one.
/// </summary>
public static class MetricFamilies
{
    private static readonly Dictionary<string, Func<MetricParameters, IMetric>> Factories = Build();

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static bool IsSupported(string family) => Factories.ContainsKey(family);

    /// <summary>Creates the metric; throws <see cref="CompetitionDataException"/> for an unknown family or bad parameters.</summary>
    public static IMetric Create(string family, MetricParameters parameters)
    {
        if (!Factories.TryGetValue(family, out var factory))
            throw new CompetitionDataException($"Metric family '{family}' is not implemented. Implemented: {string.Join(", ", Factories.Keys.Order())}.");
        try
        {
            return factory(parameters);
        }
        catch (Exception e) when (e is not CompetitionDataException)
        {
            throw new CompetitionDataException($"Metric family '{family}' rejects its parameters {parameters}: {e.Message}", e);
        }
    }

    private static Dictionary<string, Func<MetricParameters, IMetric>> Build()
    {
        var registry = new MetricFamilyRegistry();
        ProbabilityFamilies.Register(registry);
        LabelFamilies.Register(registry);
        RegressionFamilies.Register(registry);
        RankingAndTextFamilies.Register(registry);
        return registry.Factories;
    }
}

/// <summary>Collects family factories; a duplicate name is a programming error caught at start-up.</summary>
public sealed class MetricFamilyRegistry
{
    internal Dictionary<string, Func<MetricParameters, IMetric>> Factories { get; } = new(StringComparer.Ordinal);

    public void Add(string family, Func<MetricParameters, IMetric> factory)
    {
        if (!Factories.TryAdd(family, factory))
            throw new InvalidOperationException($"Metric family '{family}' is registered twice.");
    }
}

using System.Text.Json;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>Reads this group's catalog entries from the embedded resource and builds their metrics.</summary>
internal static class CatalogEntry
{
    private const string Resource = "MLEDojo.Competitions.Catalog.metrics-ranking-text-other.json";

    public static IReadOnlyList<JsonElement> All { get; } = Load();

    public static JsonElement Named(string competition) =>
        All.Single(e => e.GetProperty("name").GetString() == competition);

    public static IMetric CreateMetric(JsonElement entry) =>
        MetricFamilies.Create(entry.GetProperty("family").GetString()!, new MetricParameters(
            entry.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())));

    private static List<JsonElement> Load()
    {
        using var stream = typeof(MetricFamilies).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"Resource {Resource} is missing.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}

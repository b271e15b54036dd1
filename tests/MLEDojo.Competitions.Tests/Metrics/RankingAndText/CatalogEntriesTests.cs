using System.Text.Json;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

/// <summary>The shape of metrics-ranking-text-other.json and that its supported entries build their metrics.</summary>
public sealed class CatalogEntriesTests
{
    private static readonly string[] SchemaKeys =
    [
        "name", "metric_class", "family", "params", "higher_is_better", "id_column", "id_as_text", "row_check_column",
        "target_columns", "submission_columns", "supported", "unsupported_reason", "notes",
    ];

    /// <summary>Families this file relies on that another group registers.</summary>
    private static readonly string[] OtherGroupsFamilies = ["medae", "rmspe"];

    [Fact]
    public void Entries_follow_the_schema_and_are_sorted_by_name()
    {
        var names = CatalogEntry.All.Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(28, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        foreach (var entry in CatalogEntry.All)
        {
            Assert.Equal(SchemaKeys, entry.EnumerateObject().Select(p => p.Name));
            Assert.NotEmpty(entry.GetProperty("target_columns").EnumerateArray());
            var supported = entry.GetProperty("supported").GetBoolean();
            Assert.Equal(supported, entry.GetProperty("unsupported_reason").ValueKind == JsonValueKind.Null);
        }
    }

    [Fact]
    public void Every_supported_entry_of_this_group_builds_its_metric()
    {
        foreach (var entry in CatalogEntry.All.Where(e => e.GetProperty("supported").GetBoolean()))
        {
            var family = entry.GetProperty("family").GetString()!;
            if (OtherGroupsFamilies.Contains(family)) continue;
            Assert.True(MetricFamilies.IsSupported(family), $"{entry.GetProperty("name")}: family {family} is not registered.");
            Assert.Equal(family, CatalogEntry.CreateMetric(entry).Family);
        }
    }
}

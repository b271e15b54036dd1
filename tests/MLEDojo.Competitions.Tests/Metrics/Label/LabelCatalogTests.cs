using System.Text.Json;
using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

/// <summary>
/// Builds metrics from metrics-label.json entries and checks them against values from running the competition's
/// upstream MLE-Dojo <c>evaluate</c> on the same small frames (read with pandas.read_csv, rows already in id order).
/// </summary>
public class LabelCatalogTests
{
    private static readonly Lazy<JsonElement[]> Entries = new(() =>
    {
        using var stream = typeof(MetricFamilies).Assembly.GetManifestResourceStream("MLEDojo.Competitions.Catalog.metrics-label.json")!;
        return JsonDocument.Parse(stream).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    private static JsonElement Entry(string name) => Entries.Value.Single(e => e.GetProperty("name").GetString() == name);

    private static double Score(string competition, string?[] truth, string?[] prediction)
    {
        var entry = Entry(competition);
        var column = entry.GetProperty("target_columns")[0].GetString()!;
        var metric = MetricFamilies.Create(entry.GetProperty("family").GetString()!, MetricParameters.Parse(entry.GetProperty("params").GetRawText()));
        return metric.Evaluate(new MetricInput([Column(column, truth, false)], [Column(column, prediction, true)], MetricParameters.Empty));
    }

    [Fact]
    public void CatalogIsSortedAndComplete()
    {
        var names = Entries.Value.Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(41, names.Length);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        foreach (var entry in Entries.Value)
        {
            var family = entry.GetProperty("family").GetString()!;
            if (entry.GetProperty("supported").GetBoolean())
            {
                Assert.True(MetricFamilies.IsSupported(family), $"{entry.GetProperty("name")} uses unimplemented family {family}.");
                MetricFamilies.Create(family, MetricParameters.Parse(entry.GetProperty("params").GetRawText()));
            }
            else
                Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("unsupported_reason").GetString()));
        }
    }

    [Theory]
    [InlineData("aptos2019-blindness-detection", new[] { "0", "2", "4", "1", "3", "2", "0" }, new[] { "0", "3", "4", "0", "3", "1", "2" }, 0.7537688442211055)]
    [InlineData("20-newsgroups-ciphertext-challenge", new[] { "3", "7", "3", "19", "7" }, new[] { "3", "3", "3", "19", "8" }, 0.45)]
    [InlineData("nlp-getting-started", new[] { "1", "0", "1", "1", "0" }, new[] { "1", "1", "0", "1", "0" }, 0.6666666666666666)]
    [InlineData("allstate-purchase-prediction-challenge", new[] { "1021302", "0012203", "2132404" }, new[] { "1021302", "12203", "2132400" }, 66.66666666666666)]
    [InlineData("wsdm-cup-multilingual-chatbot-arena", new[] { "model_a", "model_b", "model_a", "model_b" }, new[] { "model_a", "model_a", "model_a", "model_b" }, 0.75)]
    [InlineData("titanic", new[] { "0", "1", "0" }, new[] { "0.0", "1.0", "1.0" }, 0.6666666666666666)]
    [InlineData("spaceship-titanic", new[] { "True", "False", "True" }, new[] { "True", "True", "True" }, 0.6666666666666666)]
    [InlineData("plant-seedlings-classification", new[] { "Maize", "Cleavers", "Maize" }, new[] { "Maize", "Maize", "Maize" }, 0.6666666666666666)]
    [InlineData("plant-pathology-2021-fgvc8",
        new[] { "healthy", "scab frog_eye_leaf_spot", "rust", "complex", "scab" },
        new[] { "healthy", "scab", "rust scab", "healthy", "scab scab" }, 0.6666666666666666)]
    [InlineData("imet-2020-fgvc7", new[] { "13 405", "448", "13 1059 448", "405" }, new[] { "13 999", null, "13 448 448", "405 13" }, 0.6666666666666666)]
    [InlineData("facebook-recruiting-iii-keyword-extraction",
        new[] { "c# .net", "python pandas numpy", "java", "php" }, new[] { "c# java", "python numpy", null, "php" }, 0.575)]
    [InlineData("shopee-product-matching", new[] { "p1 p2", "p2 p1", "p3" }, new[] { "p1", "p2 p1 p3", "p3 p3" }, 0.8222222222222223)]
    public void MatchesUpstreamEvaluate(string competition, string?[] truth, string?[] prediction, double expected) =>
        AssertClose(expected, Score(competition, truth, prediction));
}

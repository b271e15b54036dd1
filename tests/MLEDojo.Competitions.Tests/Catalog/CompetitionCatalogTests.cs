using MLEDojo.Competitions.Catalog;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Tests.Catalog;

public sealed class CompetitionCatalogTests
{
    private static readonly CompetitionCatalog Catalog = CompetitionCatalog.Default;

    [Fact]
    public void ListsAllMleDojoCompetitionsOnce() =>
        Assert.Equal(202, Catalog.Specs.Count); // the constructor refuses a name listed twice

    [Fact]
    public void SupportsAtLeast180()
    {
        var supported = Catalog.Supported.Count();
        Assert.True(supported >= 180, $"{supported} of 202 supported; unsupported: {string.Join("; ", Catalog.Unsupported.Select(s => $"{s.Name}: {s.Unavailability}"))}");
    }

    [Fact]
    public void UnsupportedEntriesSayWhy()
    {
        foreach (var spec in Catalog.Unsupported)
            Assert.False(string.IsNullOrWhiteSpace(spec.Unavailability), spec.Name);
    }

    [Fact]
    public void EverySupportedEntryBuildsItsMetric()
    {
        foreach (var spec in Catalog.Supported)
            Assert.NotNull(MetricFamilies.Create(spec.Family, new MetricParameters(spec.Params)));
    }

    [Fact]
    public void EntriesAreWellFormed()
    {
        foreach (var spec in Catalog.Specs)
        {
            Assert.Empty(spec.Problems());
            Assert.DoesNotContain(spec.TargetColumns, c => c == spec.RowCheckColumn);
            if (spec.SubmissionColumns is { } required && spec.TargetColumns is not ["*"])
                Assert.All(spec.PredictionColumns ?? spec.TargetColumns, c => Assert.Contains(c, required));
        }
    }

    [Fact]
    public void EveryEntryHasMetadata()
    {
        foreach (var spec in Catalog.Specs)
        {
            var metadata = Catalog.MetadataFor(spec.Name);
            Assert.NotSame(CompetitionMetadata.Default, metadata);
            Assert.Contains(metadata.Level, new[] { "beginner", "intermediate", "advanced" });
            Assert.False(string.IsNullOrWhiteSpace(metadata.Category), spec.Name);
        }
    }

    [Theory]
    [InlineData("spaceship-titanic", "accuracy", true, "PassengerId")]
    [InlineData("home-data-for-ml-course", "rmse", false, "Id")]
    [InlineData("nomad2018-predict-transparent-conductors", "rmsle", false, "id")]
    [InlineData("detecting-insults-in-social-commentary", "auc", true, null)]
    public void ShippedCompetitionsHaveTheRightFacts(string name, string family, bool higherIsBetter, string? idColumn)
    {
        Assert.True(Catalog.TryGetSpec(name, out var spec));
        Assert.Equal(family, spec.Family);
        Assert.Equal(higherIsBetter, spec.HigherIsBetter);
        Assert.Equal(idColumn, spec.IdColumn);
        Assert.Null(spec.Unavailability);
    }

    [Fact]
    public void UnknownFamilyIsAClearError()
    {
        var e = Assert.Throws<CompetitionDataException>(() => MetricFamilies.Create("no_such_metric", MetricParameters.Empty));
        Assert.Contains("not implemented", e.Message);
    }
}

using System.Reflection;
using System.Text.Json;

namespace MLEDojo.Competitions.Catalog;

/// <summary>
/// The built-in catalog of MLE-Dojo's 202 competitions (embedded <c>Catalog/*.json</c>): how each is scored
/// and what it is about. Loaded once per process.
/// </summary>
public sealed class CompetitionCatalog
{
    private const string ResourcePrefix = "MLEDojo.Competitions.Catalog.";
    private static readonly Lazy<CompetitionCatalog> BuiltIn = new(LoadEmbedded);

    private readonly Dictionary<string, ScoringSpec> _specs;
    private readonly Dictionary<string, CompetitionMetadata> _metadata;

    public CompetitionCatalog(IEnumerable<ScoringSpec> specs, IReadOnlyDictionary<string, CompetitionMetadata> metadata)
    {
        _specs = new Dictionary<string, ScoringSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
            if (!_specs.TryAdd(spec.Name, spec))
                throw new InvalidOperationException($"The catalog lists '{spec.Name}' twice.");
        _metadata = new Dictionary<string, CompetitionMetadata>(metadata, StringComparer.Ordinal);
    }

    public static CompetitionCatalog Default => BuiltIn.Value;

    public IReadOnlyCollection<ScoringSpec> Specs => _specs.Values;

    public bool TryGetSpec(string name, out ScoringSpec spec) => _specs.TryGetValue(name, out spec!);

    public CompetitionMetadata MetadataFor(string name) =>
        _metadata.TryGetValue(name, out var metadata) ? metadata : CompetitionMetadata.Default;

    public IEnumerable<ScoringSpec> Supported => _specs.Values.Where(s => s.Unavailability is null);

    public IEnumerable<ScoringSpec> Unsupported => _specs.Values.Where(s => s.Unavailability is not null);

    private static CompetitionCatalog LoadEmbedded()
    {
        var assembly = typeof(CompetitionCatalog).Assembly;
        var specs = new List<ScoringSpec>();
        var metadata = new Dictionary<string, CompetitionMetadata>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            if (resource.EndsWith(".metadata.json", StringComparison.Ordinal))
                foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, CompetitionMetadata>>(stream) ?? [])
                    metadata[name] = value;
            else
                specs.AddRange(JsonSerializer.Deserialize<List<ScoringSpec>>(stream) ?? []);
        }
        return new CompetitionCatalog(specs, metadata);
    }
}

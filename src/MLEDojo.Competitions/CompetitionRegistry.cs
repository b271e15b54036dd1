using System.Collections.Concurrent;
using MLEDojo.Competitions.Catalog;

namespace MLEDojo.Competitions;

public sealed class CompetitionNotFoundException(string name, IEnumerable<string> known)
    : Exception($"Competition '{name}' is not registered. Registered: {(known.Any() ? string.Join(", ", known.Order()) : "none")}.");

public sealed class CompetitionAlreadyExistsException(string name)
    : Exception($"Competition '{name}' is already registered; unregister it first to replace it.");

/// <summary>
/// The competitions a process serves, by name (MLE-Dojo's <c>CompetitionRegistry</c>): register, get,
/// unregister, contains, list, and filters by category and level. Thread-safe.
/// </summary>
public sealed class CompetitionRegistry
{
    private readonly ConcurrentDictionary<string, Competition> _competitions = new(StringComparer.Ordinal);
    private readonly CompetitionCatalog _catalog;

    public CompetitionRegistry(CompetitionCatalog? catalog = null) => _catalog = catalog ?? CompetitionCatalog.Default;

    /// <summary>Registers every competition under a prepared root; returns the folders that could not be loaded.</summary>
    public static (CompetitionRegistry Registry, IReadOnlyList<(string Directory, string Problem)> Failed) FromRoot(string root, CompetitionCatalog? catalog = null)
    {
        var registry = new CompetitionRegistry(catalog);
        var (loaded, failed) = CompetitionLoader.LoadRoot(root, registry._catalog);
        foreach (var competition in loaded) registry.Register(competition);
        return (registry, failed);
    }

    public int Count => _competitions.Count;

    public Competition Register(Competition competition) =>
        _competitions.TryAdd(competition.Name, competition) ? competition : throw new CompetitionAlreadyExistsException(competition.Name);

    /// <summary>Registers a competition folder; spec and metadata default to the manifest or catalog.</summary>
    public Competition Register(string name, string directory, CompetitionMetadata? metadata = null, ScoringSpec? spec = null)
    {
        var loaded = CompetitionLoader.Load(directory, _catalog, name);
        return Register(new Competition(name, loaded.DataDirectory, spec ?? loaded.Spec, metadata ?? loaded.Metadata));
    }

    public Competition Get(string name) =>
        _competitions.TryGetValue(name, out var competition) ? competition : throw new CompetitionNotFoundException(name, _competitions.Keys);

    public bool TryGet(string name, out Competition competition) => _competitions.TryGetValue(name, out competition!);

    public bool Unregister(string name) => _competitions.TryRemove(name, out _);

    public bool Contains(string name) => _competitions.ContainsKey(name);

    public IReadOnlyList<string> List() => _competitions.Keys.Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Competition> ByCategory(string category) =>
        _competitions.Values.Where(c => string.Equals(c.Metadata.Category, category, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<Competition> ByLevel(string level) =>
        _competitions.Values.Where(c => string.Equals(c.Metadata.Level, level, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
}

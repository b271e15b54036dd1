using System.Collections.Concurrent;
using MLEDojo.Competitions;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// Silo-local: loads each competition folder once, off the grain scheduler, and keeps it. Loading reads the
/// manifest and checks the layout; it never reads the private answers (that is <see cref="Scoring.ScorerCache"/>'s job).
/// </summary>
public sealed class CompetitionSource(GridOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Competition>>> _loaded = new(StringComparer.Ordinal);

    /// <summary>The competition, or a <see cref="CompetitionNotFoundException"/>/<see cref="CompetitionDataException"/> saying why not.</summary>
    public Task<Competition> GetAsync(string name)
    {
        var load = _loaded.GetOrAdd(name, n => new Lazy<Task<Competition>>(() => Task.Run(() => Load(n))));
        if (load.Value.IsFaulted) _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<Competition>>>(name, load));
        return load.Value;
    }

    private Competition Load(string name)
    {
        if (!IsPlainName(name))
            throw new CompetitionNotFoundException(name, Known());
        var directory = Path.Combine(options.CompetitionsRoot, name);
        if (!Directory.Exists(Path.Combine(directory, "data")))
            throw new CompetitionNotFoundException(name, Known());
        return CompetitionLoader.Load(directory, name: name);
    }

    // A name is one folder under the root, never a path that could climb out of it.
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");

    private IEnumerable<string> Known() => Directory.Exists(options.CompetitionsRoot)
        ? Directory.EnumerateDirectories(options.CompetitionsRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
        : [];
}

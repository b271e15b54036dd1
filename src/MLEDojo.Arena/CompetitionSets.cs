namespace MLEDojo.Arena;

/// <summary>Named sets of competitions a submission can be evaluated on, and that have their own leaderboards.</summary>
public static class CompetitionSets
{
    /// <summary>The lite split: the competitions shipped with the repository (data/competitions), so it runs with no download.</summary>
    public static readonly IReadOnlyList<string> Lite =
        ["detecting-insults-in-social-commentary", "home-data-for-ml-course", "nomad2018-predict-transparent-conductors", "spaceship-titanic"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> All = new Dictionary<string, IReadOnlyList<string>>
    {
        ["lite"] = Lite,
    };

    /// <summary>The set's competitions; an unknown name is refused with the names that exist.</summary>
    public static IReadOnlyList<string> Get(string name) =>
        All.TryGetValue(name, out var set)
            ? set
            : throw new ArgumentException($"Unknown competition set '{name}'; the sets are {string.Join(", ", All.Keys)}.");

    /// <summary>The definition's set and named competitions, in order, without repeats.</summary>
    public static IReadOnlyList<string> Resolve(string? set, IEnumerable<string> competitions) =>
        (set is null ? [] : Get(set)).Concat(competitions).Distinct(StringComparer.Ordinal).ToArray();
}

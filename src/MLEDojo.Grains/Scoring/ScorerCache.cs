using System.Collections.Concurrent;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Scoring;
using MLEDojo.Grains.Competitions;

namespace MLEDojo.Grains.Scoring;

/// <summary>
/// Silo-local: one <see cref="CompetitionScorer"/> per competition, built lazily and once (building reads the
/// answers and both leaderboards, which can be large) and shared by every scoring activation on this silo.
/// A failed build is not cached, so a competition fixed on disk can be scored without restarting the silo.
/// </summary>
public sealed class ScorerCache(CompetitionSource competitions, GridOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CompetitionScorer>>> _scorers = new(StringComparer.Ordinal);

    public Task<CompetitionScorer> GetAsync(string competition)
    {
        var entry = _scorers.GetOrAdd(competition, name => new Lazy<Task<CompetitionScorer>>(() => BuildAsync(name)));
        if (entry.Value.IsFaulted) _scorers.TryRemove(new KeyValuePair<string, Lazy<Task<CompetitionScorer>>>(competition, entry));
        return entry.Value;
    }

    private async Task<CompetitionScorer> BuildAsync(string name)
    {
        var competition = await competitions.GetAsync(name);
        var limits = CsvLimits.Default with { MaxBytes = options.Limits.MaxSubmissionBytes };
        return await Task.Run(() => CompetitionScorer.Create(competition, limits));
    }
}

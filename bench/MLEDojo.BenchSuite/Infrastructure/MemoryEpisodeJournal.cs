using MLEDojo.Grains.Episodes.Journal;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// The episode step journal without its storage: records are kept in this process's memory and every append is
/// acknowledged at once. It keeps the journal's contract otherwise (reads in step order, a retried append is a
/// no-op, a second request under a taken key is refused), so episodes behave as in a grid. A bench instrument only:
/// a silo using it loses every episode when it stops, so it measures what a step costs the grid apart from persistence.
/// </summary>
public sealed class MemoryEpisodeJournal : IEpisodeJournal
{
    private readonly Dictionary<(string Episode, long Epoch), SortedList<int, JournalRecord>> _records = [];
    private readonly Lock _gate = new();

    public Task AppendAsync(JournalRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (record.EpisodeId, record.Epoch);
            if (!_records.TryGetValue(key, out var steps)) _records[key] = steps = [];
            if (!steps.TryGetValue(record.Step, out var stored))
                steps.Add(record.Step, record);
            else if (stored.RequestId != record.RequestId)
                return Task.FromException(new JournalConflictException(record, stored.RequestId));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<JournalRecord>>(_records.TryGetValue((episodeId, epoch), out var steps) ? [.. steps.Values] : []);
    }

    public Task TrimAsync(string episodeId, long epoch, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            foreach (var key in _records.Keys.Where(k => k.Episode == episodeId && k.Epoch < epoch).ToList())
                _records.Remove(key);
        return Task.CompletedTask;
    }
}

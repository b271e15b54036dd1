namespace MLEDojo.Grains.Episodes.Journal;

/// <summary>
/// The episodes' append-only step journal: one small record per step, keyed (episode id, reset epoch, step).
/// <see cref="AppendAsync"/> completes once the record is durably committed (the grain answers only then), so an
/// acknowledged step is never lost; appends from many episodes share one commit. Appending a record whose key is
/// already stored with the same request id is a no-op (a retry after an ambiguous failure); with another request
/// id it throws <see cref="JournalConflictException"/> (a second activation wrote that step first).
/// </summary>
public interface IEpisodeJournal
{
    Task AppendAsync(JournalRecord record, CancellationToken cancellationToken = default);

    /// <summary>The records of one epoch of an episode, in step order.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the episode's records of epochs before <paramref name="epoch"/> (a reset started a new one).</summary>
    Task TrimAsync(string episodeId, long epoch, CancellationToken cancellationToken = default);
}

/// <summary>One journal record: its key, the request id that made it, and its payload (an encoded <see cref="EpisodeStepRecord"/>).</summary>
public sealed record JournalRecord(string EpisodeId, long Epoch, int Step, string RequestId, byte[] Payload);

/// <summary>A step's key is already in the journal under another request id.</summary>
public sealed class JournalConflictException(JournalRecord record, string storedRequestId) : Exception(
    $"Step {record.Step} of episode '{record.EpisodeId}' (epoch {record.Epoch}) is already recorded for request '{storedRequestId}', not '{record.RequestId}'; another activation wrote it first.");

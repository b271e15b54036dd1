using MLEDojo.Grains.Episodes.Journal;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>Where <see cref="GroupCommitJournal"/> keeps its records: one database, one writer (the journal's loop).</summary>
internal interface IJournalBackend : IAsyncDisposable
{
    /// <summary>
    /// Writes the batch in one transaction and answers, per record in order, null when it is stored (inserted now,
    /// or already there with the same request id) or the request id stored under its key when that differs.
    /// Trims in the batch run in the same transaction; <see cref="JournalCommit.TrimsApplied"/> completes once no
    /// read finds the trimmed records anywhere. Throws when the transaction does not commit.
    /// </summary>
    Task<JournalCommit> CommitAsync(IReadOnlyList<JournalRecord> appends, IReadOnlyList<(string EpisodeId, long Epoch)> trims, CancellationToken cancellationToken);

    Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken);
}

/// <summary>A committed batch: each append's outcome (see <see cref="IJournalBackend.CommitAsync"/>), and when its trims took effect everywhere.</summary>
internal sealed record JournalCommit(string?[] Outcomes, Task TrimsApplied);

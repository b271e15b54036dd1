using Orleans.Concurrency;

namespace MLEDojo.Abstractions.Arena;

/// <summary>
/// One submission (key: submission id). Every change is persisted before it is answered; a running submission
/// resumes on activation (a reminder reactivates it after its silo dies), and an episode lost with its silo is
/// retried as a platform failure. Callers check ownership against <see cref="SubmissionStatus.Owner"/>.
/// </summary>
public interface ISubmissionGrain : IGrainWithStringKey
{
    /// <summary>Creates the submission; a repeat by the same owner answers its status. Refuses an invalid definition with an <see cref="ArgumentException"/>.</summary>
    Task<SubmissionStatus> Create(string owner, SubmissionDefinition definition);

    /// <summary>Stores an agent script (Kind Script) and validates it: upload_validated or upload_failed with the reason.</summary>
    [ResponseTimeout("00:02:00")]
    Task<SubmissionStatus> Upload(string script);

    /// <summary>Checks the definition (and script) again: its agent, its competitions on this grid.</summary>
    [ResponseTimeout("00:02:00")]
    Task<SubmissionStatus> Validate();

    /// <summary>Queues the submission for evaluation when the owner's limits allow.</summary>
    Task<DeployResult> Deploy();

    /// <summary>Called by the queue when a slot frees; false when the submission is no longer waiting.</summary>
    Task<bool> Start();

    /// <summary>Stops a running evaluation and takes the submission off the leaderboards. Idempotent.</summary>
    Task<SubmissionStatus> Delete();

    /// <summary>Null when no submission has this id.</summary>
    [AlwaysInterleave]
    Task<SubmissionStatus?> GetStatus();

    /// <summary>Log lines after <paramref name="afterSeq"/>; waits up to <paramref name="wait"/> for one when there is none yet.</summary>
    [AlwaysInterleave]
    Task<SubmissionEvents> WaitForEvents(long afterSeq, TimeSpan wait);
}

/// <summary>
/// The deploy queue (key 0): submissions wait in deploy order and start when a run slot frees. Not on a hot path:
/// it is called once per deploy, start and settle.
/// </summary>
public interface IArenaQueueGrain : IGrainWithIntegerKey
{
    Task Enqueue(string submissionId);

    /// <summary>The submission settled or was deleted: its slot (or place in line) frees.</summary>
    Task Remove(string submissionId);

    [AlwaysInterleave]
    Task<QueueInfo?> Position(string submissionId);
}

/// <summary>One owner's submissions and limits (key: owner): active submissions, deploys in the last 24 hours.</summary>
public interface IArenaOwnerGrain : IGrainWithStringKey
{
    Task Created(string submissionId);

    /// <summary>Takes an active slot and a daily deploy for <paramref name="submissionId"/>, or says why not.</summary>
    Task<(string? Refusal, ArenaLimits Limits)> TryReserve(string submissionId, int maxActive, int dailyDeploys);

    /// <summary>The submission failed or was deleted: it no longer holds an active slot.</summary>
    Task Release(string submissionId);

    Task<IReadOnlyList<string>> Submissions();
}

/// <summary>The active submissions' scores (key: "arena"), from which every leaderboard is computed.</summary>
public interface IArenaBoardGrain : IGrainWithStringKey
{
    Task Record(BoardEntry entry);

    Task Remove(string submissionId);

    [AlwaysInterleave]
    Task<IReadOnlyList<BoardEntry>> Entries();
}

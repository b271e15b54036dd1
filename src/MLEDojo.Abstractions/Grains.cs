using Orleans.Concurrency;

namespace MLEDojo.Abstractions;

/// <summary>
/// One episode (key: episode id). Steps are serialized by the activation; state is persisted before a result is
/// returned; a retried request id returns the recorded result without running again.
/// </summary>
public interface IEpisodeGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, with the same request id, re-answers) the episode. Resetting a running episode starts it over.</summary>
    [ResponseTimeout("00:05:00")]
    Task<StepResult> Reset(EpisodeOptions options, string? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one action. Executions can take as long as the episode's execution timeout (hours). Cancelling kills a
    /// running execution; the step is then recorded as failed (infrastructure) and can be retried with a new id.
    /// </summary>
    [ResponseTimeout("06:00:00")]
    Task<StepResult> Step(EpisodeAction action, string? requestId = null, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<EpisodeSnapshot> GetSnapshot();

    Task<IReadOnlyList<HistoryEntry>> GetHistory();

    /// <summary>Ends the episode; later steps answer an error. Idempotent.</summary>
    Task<EpisodeSnapshot> Close();
}

/// <summary>One competition (key: name): info for agents and the live leaderboard of episodes' best submissions.</summary>
public interface ICompetitionGrain : IGrainWithStringKey
{
    /// <summary>Reads only the immutable competition, so it interleaves with leaderboard writes.</summary>
    [AlwaysInterleave]
    Task<CompetitionSummary> Describe();

    /// <summary>request_info for an episode whose outputs live in <paramref name="outputDirectory"/>. Interleaves (read-only).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyDictionary<string, string>> GetInfo(string infoType, string outputDirectory);

    /// <summary>Records an episode's new best; keeps the better of the stored and the new entry.</summary>
    Task RecordBest(LeaderboardEntry entry);

    [AlwaysInterleave]
    Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboard(int top);

    /// <summary>The shipped Kaggle boards, the best <paramref name="top"/> rows of each. Interleaves (read-only).</summary>
    [AlwaysInterleave]
    Task<KaggleBoards> GetKaggleBoards(int top);

    /// <summary>request_info outside an episode (no output directory); an unknown type is an Error, never an exception.</summary>
    [AlwaysInterleave]
    Task<CompetitionInfo> Info(string infoType);

    /// <summary>Records <paramref name="owner"/> as the competition's owner unless it has one; answers the owner that stands.</summary>
    Task<string> Claim(string owner);

    /// <summary>Replaces the competition's tags (persisted; they override the manifest's or catalog's).</summary>
    Task<CompetitionSummary> SetTags(IReadOnlyList<string> tags);
}

/// <summary>
/// The competitions root of the grid (key: "root"). A stateless worker: each silo lists and registers on its own
/// view of the root, which every node shares.
/// </summary>
public interface ICompetitionDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The names of the competition folders under the root (those with a data/ folder), sorted.</summary>
    Task<IReadOnlyList<string>> List();

    /// <summary>
    /// Checks the prepared competition in <paramref name="sourceDirectory"/> (relative to the silo's import root) as
    /// scoring needs it and copies it under the root as <paramref name="name"/>, owned by <paramref name="owner"/>.
    /// </summary>
    [ResponseTimeout("00:30:00")]
    Task<RegistrationResult> Register(string name, string sourceDirectory, string owner);
}

/// <summary>
/// Scores submissions of one competition (key: competition name). A stateless worker: each silo keeps local
/// activations with a cached copy of the answers, so a popular competition scales out instead of queuing.
/// </summary>
public interface IScoringGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:30:00")]
    Task<SubmissionScore> Score(string submissionPath);
}

/// <summary>
/// One GPU (key: "node/index"), placed on the silo whose metadata names that node. Runs one execution at a time,
/// first come first served.
/// </summary>
public interface IGpuDeviceGrain : IGrainWithStringKey
{
    [ResponseTimeout("06:00:00")]
    Task<ExecutionResult> Execute(ExecutionRequest request, CancellationToken cancellationToken = default);

    [AlwaysInterleave]
    Task<DeviceStatus> GetStatus();
}

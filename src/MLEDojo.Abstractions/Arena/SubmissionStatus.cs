namespace MLEDojo.Abstractions.Arena;

/// <summary>ML Arena's submission states. Upload: created, upload_validated or upload_failed; deployment: queued, running; settled: failed, active, deleted.</summary>
public enum SubmissionState { Created, UploadValidated, UploadFailed, Queued, Running, Failed, Active, Deleted }

/// <summary>Whose fault a failure is: the submitted agent's, the environment's (competition, scoring), or the platform's (a silo, the runner).</summary>
public enum ErrorSource { Agent, Env, Platform }

/// <summary>An episode of a submission: pending, being played, finished (scored or not), or failed.</summary>
public enum EpisodeJobStatus { Pending, Running, Completed, Failed }

/// <summary>Why something failed, and whose fault it was.</summary>
[GenerateSerializer, Immutable]
public sealed record ArenaError
{
    [Id(0)] public required ErrorSource Source { get; init; }
    /// <summary>A short class: the Python exception, <c>timeout</c>, <c>lost</c> (its silo died), <c>refused</c>, ...</summary>
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public required string Message { get; init; }
}

/// <summary>One episode a submission owes: competition, index, its attempts and what its last attempt scored.</summary>
[GenerateSerializer]
public sealed record SubmissionEpisode
{
    [Id(0)] public required string Competition { get; init; }
    [Id(1)] public required int Index { get; init; }
    [Id(2)] public EpisodeJobStatus JobStatus { get; init; }
    /// <summary>Attempts started; every attempt after the first retried a platform failure.</summary>
    [Id(3)] public int Attempts { get; init; }
    /// <summary>The grid episode of the latest attempt.</summary>
    [Id(4)] public string? GridEpisodeId { get; init; }
    [Id(5)] public int Steps { get; init; }
    [Id(6)] public double? BestPositionScore { get; init; }
    [Id(7)] public double? BestRawScore { get; init; }
    [Id(8)] public string? Medal { get; init; }
    [Id(9)] public string? StopReason { get; init; }
    [Id(10)] public ArenaError? Error { get; init; }
    [Id(11)] public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>Where a deployed submission waits: 1-based position among the queued ones.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueInfo
{
    [Id(0)] public int Position { get; init; }
    [Id(1)] public int Total { get; init; }
    [Id(2)] public DateTimeOffset? QueuedAt { get; init; }
}

/// <summary>A submission as its owner sees it.</summary>
[GenerateSerializer]
public sealed record SubmissionStatus
{
    [Id(0)] public required string SubmissionId { get; init; }
    [Id(1)] public required string Owner { get; init; }
    [Id(2)] public SubmissionState Status { get; init; }
    [Id(3)] public string Phase { get; init; } = "upload";
    [Id(4)] public bool IsUploadable { get; init; }
    [Id(5)] public bool IsDeployable { get; init; }
    [Id(6)] public bool IsSettled { get; init; }
    [Id(7)] public string LastStatusMessage { get; init; } = "";
    [Id(8)] public DateTimeOffset StatusUpdateTs { get; init; }
    [Id(9)] public DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public required SubmissionDefinition Definition { get; init; }
    /// <summary>The competitions the definition resolved to.</summary>
    [Id(11)] public IReadOnlyList<string> Competitions { get; init; } = [];
    [Id(12)] public QueueInfo? QueueInfo { get; init; }
    [Id(13)] public IReadOnlyList<SubmissionEpisode> Episodes { get; init; } = [];
    [Id(14)] public ArenaError? Failure { get; init; }
    [Id(15)] public bool HasScript { get; init; }
    /// <summary>The sequence number of the latest log line (tail from here to see only what is new).</summary>
    [Id(16)] public long LastEventSeq { get; init; }
}

/// <summary>One line of a submission's log: a status change, its queue position, or an episode's progress.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmissionEvent
{
    [Id(0)] public required long Seq { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    /// <summary>status, queue, episode or error.</summary>
    [Id(2)] public required string Kind { get; init; }
    [Id(3)] public required string Text { get; init; }
}

/// <summary>Log lines after a sequence number, and the state they lead to.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmissionEvents
{
    [Id(0)] public IReadOnlyList<SubmissionEvent> Events { get; init; } = [];
    [Id(1)] public SubmissionState Status { get; init; }
    [Id(2)] public bool IsSettled { get; init; }
}

/// <summary>A deploy's answer: the status, or why the owner's limits refused it.</summary>
[GenerateSerializer, Immutable]
public sealed record DeployResult
{
    [Id(0)] public required SubmissionStatus Submission { get; init; }
    [Id(1)] public string? Refusal { get; init; }
    [Id(2)] public required ArenaLimits Limits { get; init; }
}

/// <summary>An owner's limits and what is used of them (ML Arena's deploy limits).</summary>
[GenerateSerializer, Immutable]
public sealed record ArenaLimits
{
    [Id(0)] public int MaxActiveSubmissions { get; init; }
    [Id(1)] public int ActiveSubmissions { get; init; }
    [Id(2)] public int DailyDeployLimit { get; init; }
    [Id(3)] public int DailyDeployUsed { get; init; }
    [Id(4)] public DateTimeOffset? NextDeployAvailableAt { get; init; }
    [Id(5)] public bool CanDeploy { get; init; }
}

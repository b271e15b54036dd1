namespace MLEDojo.Abstractions;

/// <summary>
/// What the agent sees after a step: MLE-Dojo's observation keys (action_status, feedback, current and best raw
/// and position scores, history_summary) plus structured results for info and executions.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Observation
{
    /// <summary>SUCCESS or FAILED.</summary>
    [Id(0)] public required string ActionStatus { get; init; }
    /// <summary>The text MLE-Dojo's base feedback would give (validation, execution, submission, info).</summary>
    [Id(1)] public string Feedback { get; init; } = "";
    [Id(2)] public double? CurrentRawScore { get; init; }
    [Id(3)] public double? CurrentPositionScore { get; init; }
    [Id(4)] public double? BestRawScore { get; init; }
    [Id(5)] public double? BestPositionScore { get; init; }
    [Id(6)] public string HistorySummary { get; init; } = "";
    /// <summary>request_info's answer by info type.</summary>
    [Id(7)] public IReadOnlyDictionary<string, string>? Info { get; init; }
    [Id(8)] public ExecutionResult? Execution { get; init; }
    /// <summary>get_history's entries (actions and results without nested histories).</summary>
    [Id(9)] public IReadOnlyList<HistoryEntry>? History { get; init; }
    /// <summary>A DataSelect episode's observation (null for competitions).</summary>
    [Id(10)] public DataSelectView? DataSelect { get; init; }

    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}

/// <summary>The answer to reset or step: observation, reward, whether the episode is over, and its budget.</summary>
[GenerateSerializer, Immutable]
public sealed record StepResult
{
    [Id(0)] public required Observation Observation { get; init; }
    [Id(1)] public double Reward { get; init; }
    [Id(2)] public bool Done { get; init; }
    [Id(3)] public int StepsTaken { get; init; }
    [Id(4)] public int StepsLeft { get; init; }
    [Id(5)] public TimeSpan TimeLeft { get; init; }
    /// <summary>Set when the action was malformed or not allowed now; the episode goes on unchanged.</summary>
    [Id(6)] public string? Error { get; init; }
    /// <summary>The client's request id, or one the grain assigned.</summary>
    [Id(7)] public string RequestId { get; init; } = "";
    [Id(8)] public string EpisodeId { get; init; } = "";
}

/// <summary>One recorded step: what was asked, what came back, when, and how long it took.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry
{
    [Id(0)] public required int Step { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    [Id(2)] public required EpisodeAction Action { get; init; }
    [Id(3)] public required StepResult Result { get; init; }
    [Id(4)] public DateTimeOffset StartedAt { get; init; }
    [Id(5)] public TimeSpan Duration { get; init; }
}

using System.Text.Json.Serialization;
using MLEDojo.Abstractions;

namespace MLEDojo.Gateway.Wire;

/// <summary>
/// POST /reset's body and the WS reset frame's data. env "mle" (the default) names a competition; env "data-select"
/// names a task_id (easy, medium, hard; default easy) and a seed (default 42). Competition and task may be omitted
/// when resuming an existing episode.
/// </summary>
public sealed record ResetRequest
{
    /// <summary>The environment kind: "mle" (default) or "data-select".</summary>
    public string? Env { get; init; }
    public string? Competition { get; init; }
    /// <summary>data-select's task: easy, medium or hard.</summary>
    public string? TaskId { get; init; }
    public int? Seed { get; init; }
    /// <summary>An existing episode's id resumes it; a new id (or none, for a generated one) starts an episode.</summary>
    public string? EpisodeId { get; init; }
    public ResetOptions? Options { get; init; }
}

/// <summary>Episode options in snake_case, each bounded by the server's maxima.</summary>
public sealed record ResetOptions
{
    public int? MaxSteps { get; init; }
    public double? ExecutionTimeoutS { get; init; }
    public double? EpisodeTimeBudgetS { get; init; }
    /// <summary>Named so a request for it is refused as unsupported rather than as unknown.</summary>
    public long? MemoryLimitMb { get; init; }
    public long? GpuMemoryLimitMb { get; init; }
    public ScoreMode? ScoreMode { get; init; }
    public RewardMode? RewardMode { get; init; }
    public ResourceClass? ResourceClass { get; init; }
    public string? AgentName { get; init; }
}

/// <summary>POST /step's body.</summary>
public sealed record StepRequest
{
    public required string EpisodeId { get; init; }
    public required WireAction Action { get; init; }
    /// <summary>A retry with the same id is answered from the episode's record, never run twice.</summary>
    public string? RequestId { get; init; }
}

/// <summary>The step actions, told apart by action_type: MLE-Dojo's four for competitions, DataSelectEnv's select_batch and stop for data-select.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "action_type")]
[JsonDerivedType(typeof(RequestInfoAction), "request_info")]
[JsonDerivedType(typeof(ValidateCodeAction), "validate_code")]
[JsonDerivedType(typeof(ExecuteCodeAction), "execute_code")]
[JsonDerivedType(typeof(GetHistoryAction), "get_history")]
[JsonDerivedType(typeof(SelectBatchAction), "select_batch")]
[JsonDerivedType(typeof(StopAction), "stop")]
public abstract record WireAction
{
    public static readonly IReadOnlyList<string> Types = ["request_info", "validate_code", "execute_code", "get_history", "select_batch", "stop"];

    public abstract EpisodeAction ToEpisodeAction();
}

public sealed record RequestInfoAction : WireAction
{
    /// <summary>overview, data_structure, sample_submission, name, metadata, data_path, output_path or all.</summary>
    public required string InfoType { get; init; }

    public override EpisodeAction ToEpisodeAction() => EpisodeAction.RequestInfo(InfoType);
}

public sealed record ValidateCodeAction : WireAction
{
    public required string Code { get; init; }

    public override EpisodeAction ToEpisodeAction() => EpisodeAction.ValidateCode(Code);
}

public sealed record ExecuteCodeAction : WireAction
{
    public required string Code { get; init; }

    public override EpisodeAction ToEpisodeAction() => EpisodeAction.ExecuteCode(Code);
}

public sealed record GetHistoryAction : WireAction
{
    public override EpisodeAction ToEpisodeAction() => EpisodeAction.GetHistory();
}

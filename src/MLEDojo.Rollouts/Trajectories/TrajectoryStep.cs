using MLEDojo.Gateway.Wire;

namespace MLEDojo.Rollouts.Trajectories;

/// <summary>
/// One line of <c>trajectories.jsonl</c>: one step of one episode (step 0 is the reset), keyed by run, episode,
/// group and repetition, with the action, the observation exactly as the gateway serves it, reward, timings and
/// the error class. The last line of an episode has <see cref="EpisodeEnd"/> set and says why it ended. The JSON
/// Schema is <c>schemas/trajectory-step.schema.json</c>.
/// </summary>
public sealed record TrajectoryStep
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required string EpisodeId { get; init; }
    public required string GroupId { get; init; }
    public required int Repetition { get; init; }
    /// <summary>1 unless earlier attempts failed for infrastructure reasons (their steps are not kept).</summary>
    public required int Attempt { get; init; }
    public required string GridEpisodeId { get; init; }
    public required string Env { get; init; }
    public required string Competition { get; init; }
    public required string Agent { get; init; }
    public required int Seed { get; init; }
    public required int Step { get; init; }
    /// <summary>Null on the reset line.</summary>
    public WireAction? Action { get; init; }
    public required WireObservation Observation { get; init; }
    /// <summary>Null on the reset line and for a refused action (nothing ran).</summary>
    public double? Reward { get; init; }
    public required bool Done { get; init; }
    /// <summary>null, invalid_action (refused), the code's exception class or execution status, or the submission's error type.</summary>
    public string? ErrorClass { get; init; }
    public required StepTimings Timings { get; init; }
    public AgentStepUsage? AgentUsage { get; init; }
    public bool EpisodeEnd { get; init; }
    /// <summary>On the last line: done, max_steps, time_budget, plan_complete, token_budget, agent_error, ...</summary>
    public string? StopReason { get; init; }
    /// <summary>On the last line when the agent failed: llm_timeout, agent_parse_error, llm_refusal, llm_rejected.</summary>
    public string? StopErrorClass { get; init; }
    public string? StopError { get; init; }
}

/// <summary>Where the step's time went: the agent deciding, the round trip to the grid, and within it queueing and running code.</summary>
public sealed record StepTimings(DateTimeOffset StartedAt, double AgentS, double EnvS, double? QueueWaitS, double? ExecutionS);

public sealed record AgentStepUsage(int PromptTokens, int CompletionTokens, int Reasks);

using MLEDojo.Abstractions;

namespace MLEDojo.Agents;

/// <summary>
/// A policy that plays MLE-Dojo episodes: told about a new episode by <see cref="Reset"/>, then asked for one action
/// at a time. An agent instance plays one episode at a time; the rollout runner makes one per concurrent episode.
/// </summary>
public interface IDojoAgent
{
    /// <summary>The name written to trajectories and leaderboards (e.g. <c>scripted</c>, <c>llm:qwen2.5-coder</c>).</summary>
    string Name { get; }

    /// <summary>Forgets the previous episode and prepares for a new one.</summary>
    void Reset(AgentEpisode episode);

    /// <summary>The next action after <see cref="AgentTurn.Last"/>, or a stop with its reason.</summary>
    Task<AgentDecision> ActAsync(AgentTurn turn, CancellationToken cancellationToken);
}

/// <summary>What an agent knows about the episode it is about to play.</summary>
public sealed record AgentEpisode(string Competition, int Seed, int MaxSteps, TimeSpan TimeBudget);

/// <summary>One turn: the latest observation (the reset's, on the first turn) and what is left of the episode's budget.</summary>
public sealed record AgentTurn(StepResult Last, int StepsLeft, TimeSpan TimeLeft, int StepIndex);

/// <summary>What one decision cost: model tokens, re-asks after unparseable answers, time spent thinking.</summary>
public sealed record AgentUsage(int PromptTokens = 0, int CompletionTokens = 0, int Reasks = 0, TimeSpan ThinkTime = default)
{
    public static AgentUsage None { get; } = new();
}

/// <summary>
/// An action to run, or a stop. A stop with an <see cref="ErrorClass"/> is the agent's failure (unparseable answers,
/// a model that timed out); a plain stop means the agent is done.
/// </summary>
public sealed record AgentDecision
{
    public EpisodeAction? Action { get; init; }
    public string? StopReason { get; init; }
    public string? ErrorClass { get; init; }
    public string? Error { get; init; }
    public AgentUsage Usage { get; init; } = AgentUsage.None;

    public static AgentDecision Act(EpisodeAction action, AgentUsage? usage = null) => new() { Action = action, Usage = usage ?? AgentUsage.None };

    public static AgentDecision Stop(string reason, AgentUsage? usage = null) => new() { StopReason = reason, Usage = usage ?? AgentUsage.None };

    public static AgentDecision Fail(string errorClass, string error, AgentUsage? usage = null) =>
        new() { StopReason = "agent_error", ErrorClass = errorClass, Error = error, Usage = usage ?? AgentUsage.None };
}

/// <summary>
/// A failure outside the agent's control (the model server is unreachable or answers 5xx): the episode is retried
/// from scratch rather than recorded as the policy's result.
/// </summary>
public sealed class AgentInfrastructureException(string message, Exception? inner = null) : Exception(message, inner);

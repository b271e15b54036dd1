using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.Agents;
using MLEDojo.Gateway.Wire;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Targets;
using MLEDojo.Rollouts.Trajectories;
using TrajectoryStep = MLEDojo.Rollouts.Trajectories.TrajectoryStep;

namespace MLEDojo.Rollouts.Running;

/// <summary>Which attempt of a planned episode is being played, and on which grid episode.</summary>
public sealed record EpisodeAttempt(PlannedEpisode Planned, int Attempt, string GridEpisodeId);

/// <summary>
/// Plays one attempt of an episode: reset, then the agent's actions until the grid says done or the agent stops,
/// recording one <see cref="TrajectoryStep"/> per step. An execution the grid failed to run is an
/// <see cref="InfrastructureStepException"/>: the attempt is void and the runner starts a fresh one.
/// </summary>
public static class EpisodePlayer
{
    public static async Task<IReadOnlyList<TrajectoryStep>> PlayAsync(
        IRolloutEpisode episode, IDojoAgent agent, EpisodeAttempt attempt, EpisodeOptions options,
        Action<StepResult>? stepped, CancellationToken cancellationToken)
    {
        var steps = new List<TrajectoryStep>();
        agent.Reset(new AgentEpisode(options.Competition, options.Seed ?? 0, options.MaxSteps, options.EpisodeTimeBudget));

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var last = await episode.ResetAsync(options, cancellationToken);
        if (last.Error is { } refused) throw new EpisodeRefusedException($"The grid refused to start the episode: {refused}");
        steps.Add(Line(attempt, 0, null, last, new StepTimings(started, 0, clock.Elapsed.TotalSeconds, null, null), null));

        string stopReason;
        AgentDecision? stop = null;
        for (var index = 0; ; index++)
        {
            if (last.Done)
            {
                stopReason = last.StepsLeft <= 0 ? "max_steps" : last.TimeLeft <= TimeSpan.Zero ? "time_budget" : "done";
                break;
            }
            var thinking = Stopwatch.StartNew();
            var decision = await agent.ActAsync(new AgentTurn(last, last.StepsLeft, last.TimeLeft, index), cancellationToken);
            var agentSeconds = thinking.Elapsed.TotalSeconds;
            if (decision.Action is not { } action)
            {
                stopReason = decision.StopReason ?? "agent_stopped";
                stop = decision;
                break;
            }

            started = DateTimeOffset.UtcNow;
            clock.Restart();
            last = await episode.StepAsync(action, $"{attempt.GridEpisodeId}.{index + 1}", cancellationToken);
            var envSeconds = clock.Elapsed.TotalSeconds;
            if (last.Observation.Execution is { Status: ExecutionStatus.InfrastructureError } broken)
                throw new InfrastructureStepException($"Step {index + 1} could not run on the grid: {broken.Stderr}");
            stepped?.Invoke(last);
            var execution = last.Observation.Execution;
            var timings = new StepTimings(started, agentSeconds, envSeconds, execution?.QueueWait.TotalSeconds, execution?.Duration.TotalSeconds);
            steps.Add(Line(attempt, index + 1, action, last, timings, decision.Usage));
        }

        await episode.CloseAsync(cancellationToken);
        steps[^1] = steps[^1] with
        {
            EpisodeEnd = true,
            StopReason = stopReason,
            StopErrorClass = stop?.ErrorClass,
            StopError = stop?.Error,
        };
        return steps;
    }

    private static TrajectoryStep Line(EpisodeAttempt attempt, int step, EpisodeAction? action, StepResult result, StepTimings timings, AgentUsage? usage)
    {
        var planned = attempt.Planned;
        var wire = WireMapper.Step(result);
        return new TrajectoryStep
        {
            RunId = planned.RunId,
            EpisodeId = planned.EpisodeId,
            GroupId = planned.GroupId,
            Repetition = planned.Repetition,
            Attempt = attempt.Attempt,
            GridEpisodeId = attempt.GridEpisodeId,
            Env = planned.Env,
            Competition = planned.Competition,
            Agent = planned.Agent,
            Seed = planned.Seed,
            Step = step,
            Action = action is null ? null : WireReader.Action(action),
            Observation = wire.Observation,
            Reward = action is null ? null : wire.Reward,
            Done = result.Done,
            ErrorClass = ErrorClassOf(result),
            Timings = timings,
            AgentUsage = usage is null ? null : new AgentStepUsage(usage.PromptTokens, usage.CompletionTokens, usage.Reasks),
        };
    }

    /// <summary>What went wrong in a step, as a class a trainer can group by: refused, the code's failure, or the submission's.</summary>
    public static string? ErrorClassOf(StepResult result)
    {
        if (result.Error is not null) return "invalid_action";
        if (result.Observation.Execution is not { } execution) return null;
        if (execution.Status != ExecutionStatus.Success)
            return execution.ErrorClass ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(execution.Status.ToString());
        return execution.Submission is { Valid: false } submission ? submission.ErrorType ?? "InvalidSubmissionError" : null;
    }
}

/// <summary>The grid would not start the episode (an unknown competition, options beyond its limits): not worth retrying.</summary>
public sealed class EpisodeRefusedException(string message) : Exception(message);

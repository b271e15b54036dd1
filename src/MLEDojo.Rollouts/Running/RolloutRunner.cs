using System.Text.Json;
using MLEDojo.Agents;
using MLEDojo.Gateway.Wire;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Targets;
using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Rollouts.Running;

/// <summary>How hard a rollout pushes and how often it tries an episode again after an infrastructure failure.</summary>
public sealed record RolloutSettings(int Concurrency, int MaxAttempts = 3, TimeSpan? RetryDelay = null);

/// <summary>What a rollout invocation did.</summary>
public sealed record RolloutSummary(int Planned, int Skipped, int Done, int Failed, int Retries, TimeSpan Elapsed);

/// <summary>
/// Plays a plan's unfinished episodes, <see cref="RolloutSettings.Concurrency"/> at a time, each with a fresh agent.
/// Infrastructure failures (see <see cref="FailureClassifier"/>) void the attempt and start a fresh grid episode, up
/// to <see cref="RolloutSettings.MaxAttempts"/>; anything else fails the episode at once. Failed attempts go to
/// <c>failures.jsonl</c>, never to the trajectories; a failed episode stays unfinished, so a rerun tries it again.
/// </summary>
public sealed class RolloutRunner(
    IRolloutTarget target, Func<PlannedEpisode, IDojoAgent> agents, RolloutSpec spec, TrajectoryStore store,
    string failuresPath, int invocation, RolloutSettings settings, RolloutCounters counters)
{
    public const string FailuresFileName = "failures.jsonl";
    private readonly Lock _failuresGate = new();

    public async Task<RolloutSummary> RunAsync(IReadOnlyList<PlannedEpisode> plan, CancellationToken cancellationToken)
    {
        if (!target.Envs.Contains(spec.Env))
            throw new ArgumentException($"{target.Description} serves env {string.Join(", ", target.Envs)}, not '{spec.Env}'.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pending = plan.Where(p => !store.IsFinished(p.EpisodeId)).ToArray();
        counters.Plan(plan.Count, plan.Count - pending.Length);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<bool>();
        var retries = 0;
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (planned, token) =>
            {
                counters.Started();
                var ok = false;
                try
                {
                    var attempts = await PlayWithRetriesAsync(planned, token);
                    Interlocked.Add(ref retries, attempts.Retries);
                    ok = attempts.Ok;
                }
                finally
                {
                    counters.Finished(ok);
                    outcomes.Add(ok);
                }
            });
        return new RolloutSummary(plan.Count, plan.Count - pending.Length, outcomes.Count(o => o), outcomes.Count(o => !o), retries, clock.Elapsed);
    }

    private async Task<(bool Ok, int Retries)> PlayWithRetriesAsync(PlannedEpisode planned, CancellationToken cancellationToken)
    {
        var agentName = planned.Agent;
        for (var attempt = 1; ; attempt++)
        {
            var gridEpisodeId = planned.GridEpisodeId(invocation, attempt);
            var attemptInfo = new EpisodeAttempt(planned, attempt, gridEpisodeId);
            try
            {
                var steps = await EpisodePlayer.PlayAsync(
                    target.Open(spec.Env, gridEpisodeId), agents(planned), attemptInfo, spec.OptionsFor(planned, agentName),
                    result => counters.Stepped(result.Observation.Execution?.QueueWait), cancellationToken);
                store.AppendEpisode(steps);
                return (true, attempt - 1);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var infrastructure = FailureClassifier.IsInfrastructure(e);
                var retry = infrastructure && attempt < settings.MaxAttempts;
                RecordFailure(attemptInfo, e, retry);
                if (!retry) return (false, attempt - 1);
                counters.Retried();
                await Task.Delay((settings.RetryDelay ?? TimeSpan.FromSeconds(1)) * attempt, cancellationToken);
            }
        }
    }

    private void RecordFailure(EpisodeAttempt attempt, Exception e, bool willRetry)
    {
        var line = JsonSerializer.Serialize(new FailureRecord(
            attempt.Planned.RunId, attempt.Planned.EpisodeId, attempt.GridEpisodeId, attempt.Attempt, attempt.Planned.Competition,
            attempt.Planned.Agent, FailureClassifier.ClassOf(e), e.GetType().Name, e.Message, willRetry, DateTimeOffset.UtcNow), GatewayJson.Options);
        lock (_failuresGate) File.AppendAllText(failuresPath, line + "\n");
    }
}

/// <summary>One line of <c>failures.jsonl</c>: an attempt that did not finish, why, and whether it was tried again.</summary>
public sealed record FailureRecord(
    string RunId, string EpisodeId, string GridEpisodeId, int Attempt, string Competition, string Agent,
    string FailureClass, string Exception, string Message, bool Retried, DateTimeOffset At);

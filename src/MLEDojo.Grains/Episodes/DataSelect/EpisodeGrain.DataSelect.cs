using MLEDojo.Abstractions;
using MLEDojo.DataSelect;
using MLEDojo.Grains.Episodes.DataSelect;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Grains.Episodes;

/// <summary>
/// The DataSelect kind of episode. The grain's common machinery (request ids answered from the record, history,
/// each step journalled before answering, resume, close) is shared with competitions; the environment is a
/// <see cref="DataSelectEnvironment"/> kept in memory and restored from <see cref="EpisodeState.DataSelect"/> after a
/// reactivation (on any silo; the model by replaying its batches, about a millisecond each). Training runs on the
/// thread pool, never in the grain's turn.
/// </summary>
public sealed partial class EpisodeGrain
{
    private DataSelectEnvironment? _dataSelect;

    private async Task<StepResult> ResetDataSelectAsync(EpisodeOptions options, string requestId)
    {
        var wasOpen = State.Status == EpisodeStatus.Running;
        var task = DataSelectTask.Find(options.TaskId);
        var problem = EpisodeRules.EpisodeIdProblem(EpisodeId)
            ?? (task is null ? $"Options.TaskId must be one of {string.Join(", ", DataSelectTask.Ids)}; got '{options.TaskId}'." : null)
            ?? (options.Seed is < 0 ? $"Options.Seed must be >= 0; got {options.Seed}." : null)
            ?? (string.IsNullOrWhiteSpace(options.AgentName) ? "Options.AgentName must not be empty." : null)
            ?? (options.EpisodeTimeBudget <= TimeSpan.Zero || options.EpisodeTimeBudget > grid.Limits.MaxEpisodeTimeBudget
                ? $"Options.EpisodeTimeBudget must be positive and at most {grid.Limits.MaxEpisodeTimeBudget} (limits.maxEpisodeTimeBudgetSeconds); got {options.EpisodeTimeBudget}."
                : null);
        if (problem is not null) return Rejected(requestId, "Reset rejected: " + problem);

        var seed = options.Seed ?? DataSelectConfig.DefaultSeed;
        var environment = await Task.Run(() => DataSelectEnvironment.Reset(task!, seed));
        // The task sets the step limit; the stored options say so, so every reader of MaxSteps agrees.
        options = options with { MaxSteps = task!.MaxSteps, Seed = seed, Competition = "" };
        var view = ViewOf(environment.Observation);
        state.State = RunningAfterReset(options);
        State.DataSelect = DataSelectProgress.From(environment.Snapshot(), view);
        var result = new StepResult
        {
            Observation = new Observation
            {
                ActionStatus = Observation.Success,
                Feedback = $"=== DataSelect reset ===\nTask: {task.Id} ({task.Description})\nSeed: {seed}\nBudget: {task.Budget}, steps allowed: {task.MaxSteps}\nActions: select_batch {{batch_size, strategy_weights {{uncertainty, diversity, random}}}}, stop",
                HistorySummary = "Total Actions: 0",
                DataSelect = view,
            },
            StepsLeft = task.MaxSteps,
            TimeLeft = options.EpisodeTimeBudget,
            RequestId = requestId,
            EpisodeId = EpisodeId,
        };
        State.Resets[requestId] = result;
        await CheckpointDataSelectAsync();
        await TrimJournalAsync();
        if (!wasOpen) metrics.EpisodeOpened();
        _dataSelect = environment;
        await WatchExpiryAsync();
        return result;
    }

    private async Task<StepResult> StepDataSelectAsync(EpisodeAction action, string requestId)
    {
        if (DataSelectRefusal(action) is { } refusal)
        {
            var rejected = Rejected(requestId, refusal);
            return rejected with { Observation = rejected.Observation with { DataSelect = DataSelectView() } };
        }
        if (TimeLeft() <= TimeSpan.Zero)
        {
            State.Status = EpisodeStatus.Done;
            await CheckpointDataSelectAsync();
            return Rejected(requestId, "The episode's time budget is spent; the episode is done.");
        }

        var started = DateTimeOffset.UtcNow;
        var progress = State.DataSelect!;
        var environment = _dataSelect ??= await RestoreDataSelectAsync(progress);
        var taken = await Task.Run(() => environment.Step(ToDataSelectAction(action)));
        var view = ViewOf(taken.Observation) with
        {
            Gain = taken.Selection?.Gain,
            Redundancy = taken.Selection?.Redundancy,
            NoiseRatio = taken.Selection?.NoiseRatio,
            BatchSize = taken.Selection?.BatchSize,
            Reason = taken.Reason,
        };
        var step = State.StepsTaken + 1;
        var result = new StepResult
        {
            Observation = new Observation
            {
                ActionStatus = Observation.Success,
                Feedback = taken.Selection is { } s
                    ? $"Labelled {s.BatchSize} samples ({s.NoiseRatio:P0} mislabelled); performance {view.CurrentPerformance:F4}, budget left {view.RemainingBudget}."
                    : $"Episode ended ({taken.Reason}) with performance {view.CurrentPerformance:F4} and budget left {view.RemainingBudget}.",
                HistorySummary = $"Total Actions: {step}, Last Action: {EpisodeAction.WireName(action.Type)}",
                DataSelect = view,
            },
            Reward = taken.Reward,
            Done = taken.Done,
            StepsTaken = step,
            StepsLeft = taken.Done ? 0 : Math.Max(0, State.Options!.MaxSteps - environment.Steps),
            TimeLeft = TimeLeft(),
            RequestId = requestId,
            EpisodeId = EpisodeId,
        };
        State.TotalReward += taken.Reward;
        State.DataSelect = DataSelectProgress.From(environment.Snapshot(), view);
        await AppendStepAsync(RecordStep(step, requestId, action, result, started));
        metrics.StepRecorded(action.Type);
        if (taken.Done) metrics.EpisodeEnded();
        if (taken.Done) await StopWatchingExpiryAsync();
        return result;
    }

    private async Task<DataSelectEnvironment> RestoreDataSelectAsync(DataSelectProgress progress)
    {
        var environment = await Task.Run(() => DataSelectEnvironment.Restore(progress.ToSnapshot()));
        if (!environment.ReplayMatchedSnapshot)
            logger.LogWarning("Episode {Episode}'s model replay on this silo differs in the last bits from the recorded weights; it continues from the replay", EpisodeId);
        return environment;
    }

    /// <summary>
    /// Writes the checkpoint; when the write fails, the in-memory environment is dropped and the activation ends, so
    /// the next call starts from what storage holds and a retry with the same request id runs once.
    /// </summary>
    private async Task CheckpointDataSelectAsync()
    {
        try
        {
            await CheckpointAsync();
        }
        catch
        {
            _dataSelect = null;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Why the action cannot run now, or null. A refused action changes nothing.</summary>
    private string? DataSelectRefusal(EpisodeAction action) => State.Status switch
    {
        EpisodeStatus.Done => "The episode is done (stopped, its budget or step limit spent); reset it to start over.",
        EpisodeStatus.Closed => "The episode is closed; reset it to start over.",
        EpisodeStatus.Expired => $"The episode expired: {State.ExpiryReason}. Start a new episode.",
        _ when action.Type is not (ActionType.SelectBatch or ActionType.Stop) =>
            $"{EpisodeAction.WireName(action.Type)} is not a data-select action; this episode takes select_batch and stop.",
        _ => ToDataSelectAction(action).Problem(),
    };

    private static DataSelectAction ToDataSelectAction(EpisodeAction action) => new(
        action.Type == ActionType.Stop ? DataSelectActionType.Stop : DataSelectActionType.SelectBatch,
        action.BatchSize,
        action.Weights is { } w ? new StrategyWeights(w.Uncertainty, w.Diversity, w.Random) : null);

    private static DataSelectView ViewOf(DataSelectObservation o) => new()
    {
        RemainingBudget = o.RemainingBudget,
        DiversityScore = o.DiversityScore,
        NoiseEstimate = o.NoiseEstimate,
        CurrentPerformance = o.CurrentPerformance,
        SamplesAvailable = o.SamplesAvailable,
    };

    private DataSelectView? DataSelectView() => State.DataSelect?.View;

    private EpisodeGrade? DataSelectGrade()
    {
        if (State.DataSelect is not { } progress) return null;
        var grade = DataSelectGrader.Grade(DataSelectTask.Get(progress.TaskId), progress.Performance, progress.NoiseRatios, progress.RemainingBudget);
        return new EpisodeGrade
        {
            TaskId = grade.TaskId,
            Score = grade.Score,
            Passed = grade.Passed,
            Breakdown = grade.Breakdown,
            EpisodeDone = State.Status is EpisodeStatus.Done or EpisodeStatus.Closed,
        };
    }
}

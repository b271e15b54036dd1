using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Info;
using MLEDojo.Grains.Competitions;
using MLEDojo.Grains.Devices;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Grains.Execution;
using MLEDojo.Grains.Metrics;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MLEDojo.Grains.Episodes;

/// <summary>
/// One episode (key: episode id). Non-reentrant, so its steps run one at a time. Every step is appended to the
/// episode step journal (<see cref="IEpisodeJournal"/>, group-committed with other episodes' steps) before its result
/// is returned; resets, closes and expiry write the checkpoint in the "episodes" storage; an activation replays the
/// journal on the checkpoint. A request id that was already answered gets the recorded result back without running
/// anything again. A running episode expires when idle past the silo's TTL
/// or older than its maximum lifetime (<see cref="EpisodeExpiry"/>): a reminder checks the persisted deadline, and so
/// does every activation, so expiry holds whichever client drives the episode and across restarts.
/// </summary>
public sealed partial class EpisodeGrain(
    [PersistentState("episode", "episodes")] IPersistentState<EpisodeState> state,
    GridOptions grid,
    CompetitionSource competitions,
    InfoProviders info,
    CpuExecutionService cpu,
    GpuDeviceDirectory gpus,
    GridMetrics metrics,
    IEpisodeJournal journal,
    Serializer serializer,
    ILogger<EpisodeGrain> logger) : Grain, IEpisodeGrain, IRemindable
{
    private const string SubmissionFile = "submission.csv";
    private const string ExpiryReminder = "expiry";

    private EpisodeState State => state.State;
    private string EpisodeId => this.GetPrimaryKeyString();

    public async Task<StepResult> Reset(EpisodeOptions options, string? requestId = null, CancellationToken cancellationToken = default)
    {
        requestId ??= RequestIds.New();
        if (State.Resets.TryGetValue(requestId, out var recorded)) return recorded;
        if (options.Env == EnvironmentKind.DataSelect) return await ResetDataSelectAsync(options, requestId);
        var wasOpen = State.Status == EpisodeStatus.Running;

        var problem = EpisodeRules.EpisodeIdProblem(EpisodeId) ?? EpisodeRules.Problem(options, grid.Limits);
        Competition? competition = null;
        if (problem is null)
        {
            try
            {
                competition = await competitions.GetAsync(options.Competition);
                if (competition.Unavailability is { } reason)
                    problem = $"Competition '{competition.Name}' is not supported: {reason}.";
            }
            catch (Exception e) when (e is CompetitionNotFoundException or CompetitionDataException)
            {
                problem = e.Message;
            }
        }
        GpuDeviceKey? device = null;
        if (problem is null && options.ResourceClass == ResourceClass.Gpu && (device = gpus.ChooseFor(EpisodeId)) is null)
            problem = "Options.ResourceClass is gpu, but no silo in the cluster has a GPU device.";
        if (problem is not null)
            return Rejected(requestId, "Reset rejected: " + problem);

        var outputDirectory = Path.Combine(grid.EpisodesRoot, EpisodeId);
        await Task.Run(() => Directory.CreateDirectory(outputDirectory), cancellationToken);
        state.State = RunningAfterReset(options);
        State.OutputDirectory = outputDirectory;
        State.HigherIsBetter = competition!.HigherIsBetter;
        State.GpuDevice = device?.ToString();
        var result = new StepResult
        {
            Observation = new Observation
            {
                ActionStatus = Observation.Success,
                Feedback = Feedback.Reset(competition.Name, options),
                HistorySummary = Feedback.Summary(State),
            },
            StepsLeft = options.MaxSteps,
            TimeLeft = options.EpisodeTimeBudget,
            RequestId = requestId,
            EpisodeId = EpisodeId,
        };
        State.Resets[requestId] = result;
        await CheckpointAsync();
        await TrimJournalAsync();
        if (!wasOpen) metrics.EpisodeOpened();
        await WatchExpiryAsync();
        return result;
    }

    public async Task<StepResult> Step(EpisodeAction action, string? requestId = null, CancellationToken cancellationToken = default)
    {
        requestId ??= RequestIds.New();
        if (State.StepsByRequest.TryGetValue(requestId, out var recordedStep))
            return Recorded(State.History.Entry(recordedStep, serializer));

        // The reminder checks the deadline only every check period; a step past it must not slip through meanwhile.
        if (State.Status == EpisodeStatus.Running && DateTimeOffset.UtcNow >= Deadline) await ExpireAsync(deactivate: true);
        if (State.Options?.Env == EnvironmentKind.DataSelect) return await StepDataSelectAsync(action, requestId);
        if (Refusal(action) is { } refusal)
            return Rejected(requestId, refusal);
        var options = State.Options!;
        if (TimeLeft() <= TimeSpan.Zero)
        {
            State.Status = EpisodeStatus.Done;
            await CheckpointAsync();
            metrics.EpisodeEnded();
            return Rejected(requestId, "The episode's time budget is spent; the episode is done.");
        }

        var started = DateTimeOffset.UtcNow;
        var step = State.StepsTaken + 1;
        var previousBest = Rewards.BestOf(State, options.ScoreMode);
        Observation observation;
        double reward = 0;
        switch (action.Type)
        {
            case ActionType.RequestInfo:
                IReadOnlyDictionary<string, string> answer;
                try
                {
                    // Answered here from the silo's competition cache, not by the competition's grain: every episode
                    // of a popular competition would queue its info requests on that one activation.
                    var competition = await competitions.GetAsync(options.Competition);
                    var context = new InfoContext(competition, State.OutputDirectory!);
                    // Only providers that read files leave the grain's turn: a hop to the thread pool and back costs a
                    // step answered from memory a measurable share of its time.
                    answer = info.AnswersFromMemory(action.InfoType!)
                        ? info.Get(action.InfoType!, context)
                        : await Task.Run(() => info.Get(action.InfoType!, context), CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A public file of the competition could not be read: nothing ran, so nothing is recorded.
                    logger.LogWarning(e, "request_info {InfoType} for episode {Episode} failed", action.InfoType, EpisodeId);
                    return Rejected(requestId, $"The '{action.InfoType}' information is not available: {e.Message}");
                }
                observation = Observed(Observation.Success, Feedback.Info(answer)) with { Info = answer };
                break;
            case ActionType.ValidateCode:
                var validation = await RunCodeAsync($"validation_{step}.py", action.Code!, step, validateOnly: true, cancellationToken);
                var leftover = Path.Combine(State.OutputDirectory!, SubmissionFile);
                var produced = await Task.Run(() => DeleteIfPresent(leftover), CancellationToken.None);
                observation = Observed(StatusOf(validation), Feedback.Validation(validation, produced)) with { Execution = validation };
                break;
            case ActionType.ExecuteCode:
                var execution = await ExecuteAndScoreAsync(step, action.Code!, cancellationToken);
                var score = Rewards.ScoreOf(execution.Submission, options.ScoreMode);
                reward = Rewards.For(options.RewardMode, options.ScoreMode, score, previousBest);
                var valid = execution.Submission is { Valid: true };
                observation = Observed(valid ? Observation.Success : Observation.Failed, Feedback.Execution(execution)) with
                {
                    Execution = execution,
                    CurrentRawScore = execution.Submission?.RawScore,
                    CurrentPositionScore = execution.Submission?.PositionScore,
                };
                break;
            default:
                observation = Observed(Observation.Success, Feedback.History(State.History.Count));
                break;
        }

        var newBest = RecordScores(observation.Execution?.Submission);
        State.TotalReward += reward;
        var stepsTaken = step;
        var timeLeft = TimeLeft();
        var done = stepsTaken >= options.MaxSteps || timeLeft <= TimeSpan.Zero;
        var result = new StepResult
        {
            // Summaries describe the episode after this step, as MLE-Dojo's do.
            Observation = observation with
            {
                BestRawScore = State.BestRawScore,
                BestPositionScore = State.BestPositionScore,
                HistorySummary = $"Total Actions: {stepsTaken}, Last Action: {EpisodeAction.WireName(action.Type)}",
            },
            Reward = reward,
            Done = done,
            StepsTaken = stepsTaken,
            StepsLeft = options.MaxSteps - stepsTaken,
            TimeLeft = timeLeft,
            RequestId = requestId,
            EpisodeId = EpisodeId,
        };
        await AppendStepAsync(RecordStep(step, requestId, action, result, started));
        metrics.StepRecorded(action.Type);
        if (done) metrics.EpisodeEnded();
        if (done) await StopWatchingExpiryAsync();

        if (newBest) await PublishBestAsync();
        return action.Type == ActionType.GetHistory ? WithHistory(result, step) : result;
    }

    /// <summary>Adds a step that ran to the history, under its request id; the caller appends it to the journal.</summary>
    private HistoryEntry RecordStep(int step, string requestId, EpisodeAction action, StepResult result, DateTimeOffset started)
    {
        var entry = new HistoryEntry
        {
            Step = step,
            RequestId = requestId,
            Action = action,
            Result = result,
            StartedAt = started,
            Duration = DateTimeOffset.UtcNow - started,
        };
        State.History.Add(entry, serializer);
        State.StepsByRequest[requestId] = step;
        if (result.Done) State.Status = EpisodeStatus.Done;
        // Idleness counts from the end of the last step, so an execution longer than the TTL never expires its episode.
        State.ExpiresAt = grid.Expiry.DeadlineAfter(DateTimeOffset.UtcNow, State.CreatedAt!.Value);
        return entry;
    }

    /// <summary>
    /// Makes a recorded step durable before it is answered. When the append fails, the memory (already a step ahead)
    /// is dropped with the activation, so the next call starts from what storage holds and a retry of the same
    /// request id runs once: either the journal has the step (answered from it) or it does not (run again).
    /// </summary>
    private async Task AppendStepAsync(HistoryEntry entry)
    {
        var payload = serializer.SerializeToArray(EpisodeStepRecord.After(entry, State));
        try
        {
            await journal.AppendAsync(new JournalRecord(EpisodeId, State.Epoch, entry.Step, entry.RequestId, payload));
        }
        catch
        {
            _dataSelect = null;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Writes the checkpoint: everything but the steps, with the summary as of the last step taken.</summary>
    private Task CheckpointAsync()
    {
        State.CheckpointStep = State.StepsTaken;
        return state.WriteStateAsync();
    }

    /// <summary>
    /// Drops the journal records of earlier resets once the new epoch's checkpoint is written. Best effort: records of
    /// an older epoch are never read again, so a failure only leaves rows behind for the next reset to remove.
    /// </summary>
    private async Task TrimJournalAsync()
    {
        if (State.Epoch <= 1) return;
        try
        {
            await journal.TrimAsync(EpisodeId, State.Epoch);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Removing the journal records of episode {Episode}'s earlier resets failed", EpisodeId);
        }
    }

    /// <summary>Rebuilds the history and the summary after the checkpoint from the journal records of the current epoch.</summary>
    private async Task ReplayJournalAsync(CancellationToken cancellationToken)
    {
        if (State.Epoch == 0) return;
        foreach (var record in await journal.ReadAsync(EpisodeId, State.Epoch, cancellationToken))
        {
            if (record.Step != State.History.Count + 1)
                throw new InvalidOperationException($"The journal of episode '{EpisodeId}' (epoch {State.Epoch}) has step {record.Step} after step {State.History.Count}.");
            var step = serializer.Deserialize<EpisodeStepRecord>(record.Payload)
                ?? throw new InvalidOperationException($"The journal record of step {record.Step} of episode '{EpisodeId}' is empty.");
            State.History.Add(step.Entry, serializer);
            State.StepsByRequest[record.RequestId] = record.Step;
            if (record.Step > State.CheckpointStep) step.ApplySummaryTo(State);
        }
    }

    public Task<EpisodeSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<HistoryEntry>> GetHistory() => Task.FromResult<IReadOnlyList<HistoryEntry>>(State.History.Entries(State.History.Count, serializer));

    public async Task<EpisodeSnapshot> Close()
    {
        if (State.Status is EpisodeStatus.Running or EpisodeStatus.Done)
        {
            var wasOpen = State.Status == EpisodeStatus.Running;
            State.Status = EpisodeStatus.Closed;
            await CheckpointAsync();
            if (wasOpen) metrics.EpisodeEnded();
            await StopWatchingExpiryAsync();
        }
        return Snapshot();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReplayJournalAsync(cancellationToken);
        if (State.Status != EpisodeStatus.Running) return;
        if (DateTimeOffset.UtcNow >= Deadline) await ExpireAsync(deactivate: false);
        // Registered again on every activation: an in-memory reminder service forgets reminders when its silo restarts.
        else await WatchExpiryAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        if (State.Status != EpisodeStatus.Running) await StopWatchingExpiryAsync();
        else if (DateTimeOffset.UtcNow >= Deadline) await ExpireAsync(deactivate: true);
    }

    private DateTimeOffset Deadline => State.ExpiresAt ?? grid.Expiry.DeadlineAfter(State.CreatedAt!.Value, State.CreatedAt!.Value);

    /// <summary>
    /// Ends the episode for good and releases what it holds: its reminder, its files on disk (its history stays in
    /// its state, so its trajectory can still be read) and its activation (unless it is activating now, to answer
    /// the call that woke it).
    /// </summary>
    private async Task ExpireAsync(bool deactivate)
    {
        var now = DateTimeOffset.UtcNow;
        var wasOpen = State.Status == EpisodeStatus.Running;
        State.Status = EpisodeStatus.Expired;
        State.ExpiryReason = now >= State.CreatedAt!.Value + grid.Expiry.MaxLifetime
            ? $"it reached the maximum lifetime of {grid.Expiry.MaxLifetime} (episodes.maxLifetimeSeconds)"
            : $"it was idle for more than {grid.Expiry.IdleTtl} (episodes.idleTtlSeconds)";
        await CheckpointAsync();
        if (wasOpen) metrics.EpisodeEnded();
        logger.LogInformation("Episode {Episode} expired: {Reason}", EpisodeId, State.ExpiryReason);
        if (State.OutputDirectory is { } output)
        {
            try
            {
                await Task.Run(() => { if (Directory.Exists(output)) Directory.Delete(output, recursive: true); });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Removing the files of expired episode {Episode} failed", EpisodeId);
            }
        }
        await StopWatchingExpiryAsync();
        if (deactivate) DeactivateOnIdle();
    }

    /// <summary>
    /// A failed registration is logged, not thrown: the persisted deadline still expires the episode at its next
    /// activation, and the step or reset that asked is already recorded.
    /// </summary>
    private async Task WatchExpiryAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, grid.Expiry.CheckPeriod, grid.Expiry.CheckPeriod);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "Registering the expiry reminder of episode {Episode} failed", EpisodeId);
        }
    }

    private async Task StopWatchingExpiryAsync()
    {
        try
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "Removing the expiry reminder of episode {Episode} failed", EpisodeId);
        }
    }

    private ICompetitionGrain EpisodeCompetition => GrainFactory.GetGrain<ICompetitionGrain>(State.Options!.Competition);

    /// <summary>Why the action cannot run now, or null. A refused action changes nothing.</summary>
    private string? Refusal(EpisodeAction action) => State.Status switch
    {
        EpisodeStatus.New => "The episode has not been reset; call Reset with its options first.",
        EpisodeStatus.Done => "The episode is done (its step limit or time budget is spent); reset it to start over.",
        EpisodeStatus.Closed => "The episode is closed; reset it to start over.",
        EpisodeStatus.Expired => $"The episode expired: {State.ExpiryReason}; its files are released. Start a new episode.",
        _ => action.Type switch
        {
            ActionType.RequestInfo when string.IsNullOrWhiteSpace(action.InfoType) =>
                $"request_info needs an info type; valid types: {string.Join(", ", info.Types)}.",
            ActionType.RequestInfo when !info.Knows(action.InfoType!) =>
                $"Unknown info type '{action.InfoType}'. Valid types: {string.Join(", ", info.Types)}.",
            ActionType.ValidateCode or ActionType.ExecuteCode when string.IsNullOrWhiteSpace(action.Code) =>
                $"{EpisodeAction.WireName(action.Type)} needs code to run.",
            ActionType.RequestInfo or ActionType.ValidateCode or ActionType.ExecuteCode or ActionType.GetHistory => null,
            ActionType.SelectBatch or ActionType.Stop =>
                $"{EpisodeAction.WireName(action.Type)} is a data-select action; this episode plays competition '{State.Options!.Competition}' (request_info, validate_code, execute_code, get_history).",
            _ => $"Unknown action type '{action.Type}'.",
        },
    };

    private async Task<ExecutionResult> ExecuteAndScoreAsync(int step, string code, CancellationToken cancellationToken)
    {
        var output = State.OutputDirectory!;
        // A submission left by an earlier step must never be scored as this one's.
        await Task.Run(() => DeleteIfPresent(Path.Combine(output, SubmissionFile)), CancellationToken.None);
        var execution = await RunCodeAsync($"execution_{step}.py", code, step, validateOnly: false, cancellationToken);
        var archived = Path.Combine(output, $"submission_{step}.csv");
        var hasSubmission = await Task.Run(() =>
        {
            File.WriteAllText(Path.Combine(output, $"execution_{step}.log"),
                $"status: {execution.Status}\nexit code: {execution.ExitCode}\n--- stdout ---\n{execution.Stdout}\n--- stderr ---\n{execution.Stderr}\n");
            var produced = Path.Combine(output, SubmissionFile);
            if (!File.Exists(produced)) return false;
            File.Copy(produced, archived, overwrite: true);
            return true;
        }, CancellationToken.None);
        if (execution.Status != ExecutionStatus.Success) return execution;
        // With no file, the scorer answers MLE-Dojo's SubmissionNotFoundError, which is what the agent should read.
        var submission = hasSubmission ? archived : Path.Combine(output, SubmissionFile);
        try
        {
            var scored = await GrainFactory.GetGrain<IScoringGrain>(State.Options!.Competition).Score(submission);
            return execution with { Submission = scored };
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The code ran; its result is recorded either way, with the scoring failure as the verdict.
            logger.LogWarning(e, "Scoring step {Step} of episode {Episode} failed", step, EpisodeId);
            return execution with
            {
                Submission = new SubmissionScore
                {
                    Valid = false,
                    ErrorType = "EvaluationError",
                    Error = "Scoring is unavailable right now: " + e.Message,
                    HigherIsBetter = State.HigherIsBetter,
                },
            };
        }
    }

    private async Task<ExecutionResult> RunCodeAsync(string fileName, string code, int step, bool validateOnly, CancellationToken cancellationToken)
    {
        var options = State.Options!;
        var codePath = Path.Combine(State.OutputDirectory!, fileName);
        await Task.Run(() => WriteCodeFile(codePath, code), CancellationToken.None);
        var competition = await competitions.GetAsync(options.Competition);
        var request = new ExecutionRequest
        {
            EpisodeId = EpisodeId,
            Step = step,
            CodePath = codePath,
            WorkingDirectory = State.OutputDirectory!,
            PublicDataDirectory = competition.PublicDirectory,
            Timeout = options.ExecutionTimeout,
            ValidateOnly = validateOnly,
            Competition = options.Competition,
            MemoryMb = options.MemoryMb,
            Cpus = options.Cpus,
            GpuMemoryMb = options.GpuMemoryMb,
        };
        var device = State.GpuDevice ?? cpu.Device;
        try
        {
            return State.GpuDevice is { } gpu
                ? await GrainFactory.GetGrain<IGpuDeviceGrain>(gpu).Execute(request, cancellationToken)
                : await cpu.ExecuteAsync(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Infrastructure(device, "Cancelled", "The execution was cancelled by the caller.");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
        {
            // The device (or its silo) is unavailable: our fault, so it is reported as such and a retry may succeed.
            logger.LogWarning(e, "Execution of step {Step} of episode {Episode} on {Device} failed", step, EpisodeId, device);
            return Infrastructure(device, e.GetType().Name, e.Message);
        }
    }

    /// <summary>
    /// Writes a step's code as a new regular file. The output directory is the sandbox's to write, so a link may
    /// already stand at this name; the silo (with its own rights) must replace it, never write through it.
    /// </summary>
    private static void WriteCodeFile(string path, string code)
    {
        File.Delete(path);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.Write(code);
    }

    /// <summary>Updates the bests from a scored submission; true when the raw score is a new best.</summary>
    private bool RecordScores(SubmissionScore? score)
    {
        if (score is not { Valid: true, RawScore: { } raw }) return false;
        if (score.PositionScore is { } position && (State.BestPositionScore is not { } bestPosition || position > bestPosition))
            State.BestPositionScore = position;
        var better = State.BestRawScore is not { } best || (State.HigherIsBetter ? raw > best : raw < best);
        if (!better) return false;
        State.BestRawScore = raw;
        State.BestMedal = score.Medal;
        return true;
    }

    private async Task PublishBestAsync()
    {
        try
        {
            await EpisodeCompetition.RecordBest(new LeaderboardEntry
            {
                AgentName = State.Options!.AgentName,
                EpisodeId = EpisodeId,
                RawScore = State.BestRawScore!.Value,
                PositionScore = State.BestPositionScore,
                Medal = State.BestMedal,
                At = DateTimeOffset.UtcNow,
            });
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The step is already persisted; the leaderboard catches up with this episode's next best.
            logger.LogWarning(e, "Publishing episode {Episode}'s best to the leaderboard failed", EpisodeId);
        }
    }

    /// <summary>
    /// The state a reset starts, whatever the kind: a new epoch (its journal records replace the last one's), running,
    /// with a fresh expiry deadline; the reset answers recorded so far are kept so a retried reset still finds its own.
    /// </summary>
    private EpisodeState RunningAfterReset(EpisodeOptions options)
    {
        var now = DateTimeOffset.UtcNow;
        return new EpisodeState
        {
            Status = EpisodeStatus.Running,
            Epoch = State.Epoch + 1,
            Options = options,
            CreatedAt = now,
            ExpiresAt = grid.Expiry.DeadlineAfter(now, now),
            Resets = State.Resets,
        };
    }

    /// <summary>A recorded step as the agent first saw it; get_history's list is rebuilt rather than stored in itself.</summary>
    private StepResult Recorded(HistoryEntry entry) => entry.Action.Type != ActionType.GetHistory ? entry.Result : WithHistory(entry.Result, entry.Step);

    /// <summary>get_history's answer at <paramref name="step"/>: the steps before it.</summary>
    private StepResult WithHistory(StepResult result, int step) =>
        result with { Observation = result.Observation with { History = State.History.Entries(step - 1, serializer) } };

    private StepResult Rejected(string requestId, string error) => new()
    {
        Observation = new Observation
        {
            ActionStatus = Observation.Failed,
            Feedback = error,
            BestRawScore = State.BestRawScore,
            BestPositionScore = State.BestPositionScore,
            HistorySummary = Feedback.Summary(State),
        },
        Done = State.Status is EpisodeStatus.Done or EpisodeStatus.Closed or EpisodeStatus.Expired,
        StepsTaken = State.StepsTaken,
        StepsLeft = State.Options is { } o ? Math.Max(0, o.MaxSteps - State.StepsTaken) : 0,
        TimeLeft = State.Options is null ? TimeSpan.Zero : TimeLeft(),
        Error = error,
        RequestId = requestId,
        EpisodeId = EpisodeId,
    };

    private static Observation Observed(string status, string feedback) => new() { ActionStatus = status, Feedback = feedback };

    private static string StatusOf(ExecutionResult execution) =>
        execution.Status == ExecutionStatus.Success ? Observation.Success : Observation.Failed;

    private static ExecutionResult Infrastructure(string device, string errorClass, string message) => new()
    {
        Status = ExecutionStatus.InfrastructureError,
        ErrorClass = errorClass,
        Stderr = message,
        Device = device,
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
    };

    private TimeSpan TimeLeft()
    {
        var left = State.Options!.EpisodeTimeBudget - (DateTimeOffset.UtcNow - State.CreatedAt!.Value);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static bool DeleteIfPresent(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    private EpisodeSnapshot Snapshot() => new()
    {
        EpisodeId = EpisodeId,
        Status = State.Status,
        Options = State.Options,
        StepsTaken = State.StepsTaken,
        TotalReward = State.TotalReward,
        BestRawScore = State.BestRawScore,
        BestPositionScore = State.BestPositionScore,
        CreatedAt = State.CreatedAt,
        OutputDirectory = State.OutputDirectory,
        BestMedal = State.BestMedal,
        ExpiresAt = State.Status == EpisodeStatus.Running ? Deadline : null,
        ExpiryReason = State.ExpiryReason,
        DataSelect = DataSelectView(),
        Grade = DataSelectGrade(),
    };
}

using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Grains.Running;
using MLEDojo.Arena.Submissions;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Arena.Grains.Submissions;

/// <summary>
/// One submission. Every change is written before it is answered or acted on. While queued or running it holds a
/// reminder, so after its silo dies the submission is activated again elsewhere; activation resumes a running
/// evaluation, and an episode that was being played when the silo died is retried as a platform failure ("lost").
/// Episodes play in the activation's background (<see cref="ArenaOptions.EpisodeConcurrency"/> at a time) while
/// status and tail calls interleave; writes are serialized so concurrent episodes never race on the etag.
/// </summary>
public sealed partial class SubmissionGrain(
    [PersistentState("submission", ArenaStorage.Name)] IPersistentState<SubmissionRecord> state,
    ArenaOptions options, AttemptRunner runner, SubmissionValidator validator, TimeProvider clock, ILogger<SubmissionGrain> logger)
    : Grain, ISubmissionGrain, IRemindable
{
    private const string ReminderName = "arena-run";
    private readonly SemaphoreSlim _writes = new(1, 1);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _run;
    private Task? _running;

    private SubmissionRecord Record => state.State;
    private string Id => this.GetPrimaryKeyString();
    private bool Exists => Record.Owner is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists) return;
        if (Record.State == SubmissionState.Running)
        {
            foreach (var (episode, i) in Record.Episodes.Select((e, i) => (e, i)).Where(x => x.e.JobStatus == EpisodeJobStatus.Running).ToArray())
                Settle(i, AttemptOutcome.Failed(ErrorSource.Platform, "lost", $"The silo playing attempt {episode.Attempts} ({episode.GridEpisodeId}) stopped."));
            Log("status", "[running] resumed after the silo running it stopped");
            await PersistAsync();
            StartRun();
        }
        else if (Record.State == SubmissionState.Queued)
        {
            await GrainFactory.GetGrain<IArenaQueueGrain>(0).Enqueue(Id);
        }
        else if (!Record.Published)
        {
            await PublishAsync();
        }
    }

    public async Task<SubmissionStatus> Create(string owner, SubmissionDefinition definition)
    {
        if (Exists)
            return Record.Owner == owner ? await StatusAsync() : throw new InvalidOperationException($"Submission '{Id}' already exists.");
        var problems = DefinitionCheck.Problems(definition, options);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));

        var now = clock.GetUtcNow();
        Record.Owner = owner;
        Record.Definition = definition;
        Record.Competitions = CompetitionSets.Resolve(definition.CompetitionSet, definition.Competitions).ToList();
        Record.CreatedAt = now;
        SetState(SubmissionState.Created, definition.Kind == AgentKind.Script ? "created: upload the agent script" : "created");
        if (definition.Kind != AgentKind.Script) await ValidateCoreAsync();
        await PersistAsync();
        await GrainFactory.GetGrain<IArenaOwnerGrain>(owner).Created(Id);
        return await StatusAsync();
    }

    public async Task<SubmissionStatus> Upload(string script)
    {
        RequireExists();
        if (!SubmissionLifecycle.IsUploadable(Record.State))
            throw new InvalidOperationException($"A {SubmissionLifecycle.Name(Record.State)} submission takes no upload; create a new submission.");
        if (Record.Definition!.Kind != AgentKind.Script)
            throw new ArgumentException($"A {Record.Definition.Kind} submission runs a built-in agent; only script submissions take an upload.");
        Record.Script = script;
        await ValidateCoreAsync();
        await PersistAsync();
        return await StatusAsync();
    }

    public async Task<SubmissionStatus> Validate()
    {
        RequireExists();
        if (!SubmissionLifecycle.IsUploadable(Record.State))
            throw new InvalidOperationException($"A {SubmissionLifecycle.Name(Record.State)} submission is past validation.");
        await ValidateCoreAsync();
        await PersistAsync();
        return await StatusAsync();
    }

    public async Task<DeployResult> Deploy()
    {
        RequireExists();
        var owner = GrainFactory.GetGrain<IArenaOwnerGrain>(Record.Owner!);
        if (Record.State is SubmissionState.Queued or SubmissionState.Running)
            return new DeployResult { Submission = await StatusAsync(), Limits = (await owner.TryReserve(Id, options.MaxActiveSubmissionsPerOwner, options.DailyDeploysPerOwner)).Limits };
        if (!SubmissionLifecycle.IsDeployable(Record.State))
            throw new InvalidOperationException(Record.State == SubmissionState.Created || Record.State == SubmissionState.UploadFailed
                ? $"The submission is {SubmissionLifecycle.Name(Record.State)}: {Record.Message}. It deploys once its upload is validated."
                : $"A {SubmissionLifecycle.Name(Record.State)} submission cannot be deployed.");

        var (refusal, limits) = await owner.TryReserve(Id, options.MaxActiveSubmissionsPerOwner, options.DailyDeploysPerOwner);
        if (refusal is not null) return new DeployResult { Submission = await StatusAsync(), Refusal = refusal, Limits = limits };

        Record.Deployment++;
        Record.Failure = null;
        Record.ActiveSince = null;
        Record.Episodes = (from competition in Record.Competitions
                           from index in Enumerable.Range(0, Record.Definition!.EpisodesPerCompetition)
                           select new SubmissionEpisode { Competition = competition, Index = index }).ToList();
        SetState(SubmissionState.Queued, $"queued: {Record.Episodes.Count} episodes over {Record.Competitions.Count} competitions");
        await PersistAsync();
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await GrainFactory.GetGrain<IArenaQueueGrain>(0).Enqueue(Id);
        return new DeployResult { Submission = await StatusAsync(), Limits = limits };
    }

    public async Task<bool> Start()
    {
        if (!Exists || Record.State != SubmissionState.Queued) return Record.State == SubmissionState.Running;
        SetState(SubmissionState.Running, "running");
        await PersistAsync();
        StartRun();
        return true;
    }

    public async Task<SubmissionStatus> Delete()
    {
        RequireExists();
        if (Record.State == SubmissionState.Deleted) return await StatusAsync();
        _run?.Cancel();
        SetState(SubmissionState.Deleted, "deleted");
        Record.Published = false;
        await PersistAsync();
        await PublishAsync();
        return await StatusAsync();
    }

    public async Task<SubmissionStatus?> GetStatus() => Exists ? await StatusAsync() : null;

    public async Task<SubmissionEvents> WaitForEvents(long afterSeq, TimeSpan wait)
    {
        if (Exists && Record.LastSeq <= afterSeq && !SubmissionLifecycle.IsSettled(Record.State))
        {
            var changed = _changed.Task;
            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, TimeSpan.FromSeconds(30).Ticks))));
        }
        return new SubmissionEvents
        {
            Events = Record.Events.Where(e => e.Seq > afterSeq).ToArray(),
            Status = Record.State,
            IsSettled = !Exists || SubmissionLifecycle.IsSettled(Record.State),
        };
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Exists || SubmissionLifecycle.IsSettled(Record.State))
        {
            if (Exists && !Record.Published) await PublishAsync();
            await UnregisterReminderAsync();
        }
        else if (Record.State == SubmissionState.Queued)
        {
            await GrainFactory.GetGrain<IArenaQueueGrain>(0).Enqueue(Id);
        }
        else if (_running is null || _running.IsCompleted)
        {
            StartRun();
        }
    }

    private void RequireExists()
    {
        if (!Exists) throw new KeyNotFoundException($"No submission '{Id}'.");
    }

    private async Task ValidateCoreAsync()
    {
        var problems = await validator.ProblemsAsync(Record.Definition!, Record.Competitions, Record.Script);
        if (problems.Count == 0) SetState(SubmissionState.UploadValidated, "upload validated: ready to deploy");
        else SetState(SubmissionState.UploadFailed, "upload failed: " + string.Join(" ", problems));
    }

    private void SetState(SubmissionState next, string message)
    {
        Record.State = next;
        Record.Message = message;
        Record.UpdatedAt = clock.GetUtcNow();
        Log("status", $"[{SubmissionLifecycle.Name(next)}] {message}");
    }

    private void Log(string kind, string text)
    {
        Record.Events.Add(new SubmissionEvent { Seq = ++Record.LastSeq, At = clock.GetUtcNow(), Kind = kind, Text = text });
        if (Record.Events.Count > options.MaxEvents) Record.Events.RemoveRange(0, Record.Events.Count - options.MaxEvents);
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private async Task PersistAsync()
    {
        await _writes.WaitAsync();
        try { await state.WriteStateAsync(); }
        finally { _writes.Release(); }
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private async Task<SubmissionStatus> StatusAsync()
    {
        var queue = Record.State == SubmissionState.Queued ? await GrainFactory.GetGrain<IArenaQueueGrain>(0).Position(Id) : null;
        return new SubmissionStatus
        {
            SubmissionId = Id,
            Owner = Record.Owner!,
            Status = Record.State,
            Phase = SubmissionLifecycle.Phase(Record.State),
            IsUploadable = SubmissionLifecycle.IsUploadable(Record.State),
            IsDeployable = SubmissionLifecycle.IsDeployable(Record.State),
            IsSettled = SubmissionLifecycle.IsSettled(Record.State),
            LastStatusMessage = Record.Message,
            StatusUpdateTs = Record.UpdatedAt,
            CreatedAt = Record.CreatedAt,
            // A model key is the owner's secret: it is used, never shown back.
            Definition = Record.Definition! with { Llm = Record.Definition.Llm is { } llm ? llm with { ApiKey = llm.ApiKey is null ? null : "***" } : null },
            Competitions = Record.Competitions,
            QueueInfo = queue,
            Episodes = Record.Episodes.ToArray(),
            Failure = Record.Failure,
            HasScript = Record.Script is not null,
            LastEventSeq = Record.LastSeq,
        };
    }
}

using MLEDojo.Abstractions.Arena;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Arena.Grains;

[GenerateSerializer]
public sealed class ArenaQueueState
{
    /// <summary>Deployed submissions in deploy order.</summary>
    [Id(0)] public List<string> Waiting { get; set; } = [];
    [Id(1)] public HashSet<string> Running { get; set; } = [];
    [Id(2)] public Dictionary<string, DateTimeOffset> QueuedAt { get; set; } = [];
}

/// <summary>
/// The deploy queue: first deployed, first started, at most <see cref="ArenaOptions.MaxRunningSubmissions"/> at once.
/// Starting a submission calls it, so the queue dispatches after answering (never inside a call a submission is
/// waiting on), and again on a timer while anything waits, in case a start failed.
/// </summary>
public sealed class ArenaQueueGrain(
    [PersistentState("queue", ArenaStorage.Name)] IPersistentState<ArenaQueueState> state,
    ArenaOptions options, TimeProvider clock, ILogger<ArenaQueueGrain> logger) : Grain, IArenaQueueGrain
{
    private bool _dispatching;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timer = this.RegisterGrainTimer(DispatchAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15)));
        return Task.CompletedTask;
    }

    public async Task Enqueue(string submissionId)
    {
        if (!state.State.Running.Contains(submissionId) && !state.State.Waiting.Contains(submissionId))
        {
            state.State.Waiting.Add(submissionId);
            state.State.QueuedAt[submissionId] = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
        ScheduleDispatch();
    }

    public async Task Remove(string submissionId)
    {
        var removed = state.State.Waiting.Remove(submissionId) | state.State.Running.Remove(submissionId) | state.State.QueuedAt.Remove(submissionId);
        if (removed) await state.WriteStateAsync();
        ScheduleDispatch();
    }

    public Task<QueueInfo?> Position(string submissionId)
    {
        var index = state.State.Waiting.IndexOf(submissionId);
        return Task.FromResult(index < 0 ? null : new QueueInfo
        {
            Position = index + 1,
            Total = state.State.Waiting.Count,
            QueuedAt = state.State.QueuedAt.GetValueOrDefault(submissionId),
        });
    }

    // Runs as its own turn on this activation once the current call has answered.
    private void ScheduleDispatch() => _ = Task.Factory.StartNew(DispatchAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();

    private async Task DispatchAsync()
    {
        if (_dispatching) return;
        _dispatching = true;
        try
        {
            while (state.State.Running.Count < options.MaxRunningSubmissions && state.State.Waiting.Count > 0)
            {
                var next = state.State.Waiting[0];
                var started = await GrainFactory.GetGrain<ISubmissionGrain>(next).Start();
                state.State.Waiting.Remove(next);
                if (started) state.State.Running.Add(next);
                else state.State.QueuedAt.Remove(next);
                await state.WriteStateAsync();
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The arena queue could not start its next submission; it tries again on its timer");
        }
        finally
        {
            _dispatching = false;
        }
    }
}

namespace MLEDojo.Rollouts.Running;

/// <summary>Live counts of a rollout, updated by every episode at once and read by the progress display.</summary>
public sealed class RolloutCounters
{
    private int _planned, _skipped, _running, _done, _failed, _retries, _steps, _executions;
    private long _queueWaitTicks, _maxQueueWaitTicks;

    public void Plan(int planned, int skipped) { _planned = planned; _skipped = skipped; }
    public void Started() => Interlocked.Increment(ref _running);
    public void Finished(bool ok)
    {
        Interlocked.Decrement(ref _running);
        if (ok) Interlocked.Increment(ref _done);
        else Interlocked.Increment(ref _failed);
    }
    public void Retried() => Interlocked.Increment(ref _retries);

    public void Stepped(TimeSpan? queueWait)
    {
        Interlocked.Increment(ref _steps);
        if (queueWait is not { } wait) return;
        Interlocked.Increment(ref _executions);
        Interlocked.Add(ref _queueWaitTicks, wait.Ticks);
        long seen;
        while (wait.Ticks > (seen = Interlocked.Read(ref _maxQueueWaitTicks)) && Interlocked.CompareExchange(ref _maxQueueWaitTicks, wait.Ticks, seen) != seen) { }
    }

    public RolloutProgress Snapshot(TimeSpan elapsed)
    {
        var executions = Volatile.Read(ref _executions);
        return new RolloutProgress(
            _planned, _skipped, Volatile.Read(ref _running), Volatile.Read(ref _done), Volatile.Read(ref _failed), Volatile.Read(ref _retries),
            Volatile.Read(ref _steps), executions,
            executions == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _queueWaitTicks) / executions),
            TimeSpan.FromTicks(Interlocked.Read(ref _maxQueueWaitTicks)), elapsed);
    }
}

/// <summary>A moment of a rollout: episodes by state, steps and their rate, and how long executions queued.</summary>
public sealed record RolloutProgress(
    int Planned, int Skipped, int Running, int Done, int Failed, int Retries, int Steps, int Executions,
    TimeSpan MeanQueueWait, TimeSpan MaxQueueWait, TimeSpan Elapsed)
{
    public int Pending => Math.Max(0, Planned - Skipped - Done - Failed - Running);
    public double StepsPerSecond => Steps / Math.Max(0.001, Elapsed.TotalSeconds);
}

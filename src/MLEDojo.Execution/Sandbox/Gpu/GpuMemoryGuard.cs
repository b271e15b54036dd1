namespace MLEDojo.Execution.Sandbox.Gpu;

/// <summary>
/// Enforces a run's GPU memory cap: every poll, sums what NVML reports for the run's processes (its cgroup's
/// pids) on its device, and breaches when the sum is over the cap. A poll can miss what is allocated between two
/// polls, so the framework hints (<see cref="GpuFrameworkHints"/>) are what keep well-behaved code under; this is
/// the backstop that holds against the rest.
/// </summary>
internal sealed class GpuMemoryGuard(IGpuProcessSource gpu, int deviceIndex, Func<IReadOnlyList<int>> runProcesses, long capBytes,
    TimeSpan interval) : IRunGuard
{
    private long _peakBytes;

    /// <summary>The most the run's processes held at once, as far as the polls saw.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public async Task<LimitBreach?> WatchAsync(CancellationToken stop)
    {
        while (true)
        {
            if (Poll() is { } breach)
                return breach;
            await Task.Delay(interval, stop).ConfigureAwait(false);
        }
    }

    /// <summary>One reading: a breach when over the cap, else null.</summary>
    public LimitBreach? Poll()
    {
        var ours = runProcesses().ToHashSet();
        if (ours.Count == 0)
            return null;
        var used = gpu.RunningProcesses(deviceIndex).Where(p => ours.Contains(p.Pid)).Sum(p => p.UsedBytes);
        if (used > PeakBytes)
            Interlocked.Exchange(ref _peakBytes, used);
        return used > capBytes
            ? new LimitBreach(CodeRunStatus.GpuOutOfMemory, "GpuOutOfMemory",
                $"The run's processes held {used / (1024 * 1024)} MiB of GPU {deviceIndex}'s memory; the cap is {capBytes / (1024 * 1024)} MiB. It was killed.")
            : null;
    }
}

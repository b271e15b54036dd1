using System.Diagnostics;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>This process's CPU time (user and system, every thread), read where a measured window starts and ends.</summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>The CPU time once <paramref name="delay"/> has passed (a closed loop's warm-up ends by the clock, not by an event).</summary>
    public static async Task<TimeSpan> AfterAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
        return Now();
    }
}

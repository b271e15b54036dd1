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
}

namespace MLEDojo.Execution.Sandbox;

/// <summary>The caps one sandboxed run is held to (resolved from the server's, the competition's and the episode's).</summary>
public sealed record SandboxLimits
{
    /// <summary>Memory (RAM, page cache and tmpfs) of all the run's processes; the kernel's OOM killer enforces it.</summary>
    public long MemoryBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    /// <summary>Processes and threads at once (a fork bomb stops here).</summary>
    public int MaxProcesses { get; init; } = 256;
    /// <summary>CPU quota in cores (1.5 = one and a half cores' time per period).</summary>
    public double Cpus { get; init; } = 2;
    /// <summary>Size of the private /tmp (and /dev/shm), each.</summary>
    public long TmpBytes { get; init; } = 1024L * 1024 * 1024;
    /// <summary>GPU memory of the run's processes, watched through NVML; null: no cap.</summary>
    public long? GpuMemoryBytes { get; init; }
    /// <summary>Open files per process.</summary>
    public int OpenFiles { get; init; } = 4096;
}

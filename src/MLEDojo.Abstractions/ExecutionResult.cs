namespace MLEDojo.Abstractions;

/// <summary>How an execution ended, in classes an agent and a trainer can act on.</summary>
public enum ExecutionStatus
{
    Success,
    /// <summary>The code failed to compile (py_compile).</summary>
    SyntaxError,
    /// <summary>The code ran and exited non-zero.</summary>
    CodeError,
    /// <summary>The wall-clock limit was reached; the whole process tree was killed.</summary>
    Timeout,
    /// <summary>A resource cap (memory, GPU memory, processes, output) was exceeded.</summary>
    ResourceExceeded,
    /// <summary>Our side failed (could not start the interpreter or the sandbox, the device vanished); retrying may help.</summary>
    InfrastructureError,
    /// <summary>The memory cap was hit: the kernel's OOM killer killed a process of the run, or Python raised MemoryError.</summary>
    OutOfMemory,
    /// <summary>The run's processes held more GPU memory than its cap (killed by the NVML watcher), or CUDA ran out.</summary>
    GpuOutOfMemory,
    /// <summary>Too much stdout/stderr, a submission over its size cap, or too many bytes written to the output directory.</summary>
    OutputTooLarge,
}

/// <summary>The outcome of running an agent's code, with the submission's scoring when one was produced.</summary>
[GenerateSerializer, Immutable]
public sealed record ExecutionResult
{
    [Id(0)] public required ExecutionStatus Status { get; init; }
    [Id(1)] public int? ExitCode { get; init; }
    /// <summary>Captured standard output, head and tail kept when long (with a marker where bytes were cut).</summary>
    [Id(2)] public string Stdout { get; init; } = "";
    [Id(3)] public string Stderr { get; init; } = "";
    [Id(4)] public TimeSpan Duration { get; init; }
    /// <summary>The Python exception class for code errors (e.g. KeyError), or the cap that was hit.</summary>
    [Id(5)] public string? ErrorClass { get; init; }
    [Id(6)] public SubmissionScore? Submission { get; init; }
    /// <summary>Time spent waiting for a device or a CPU slot before the code started.</summary>
    [Id(7)] public TimeSpan QueueWait { get; init; }
    /// <summary>Place in the device's queue when the request arrived (0 = started at once).</summary>
    [Id(8)] public int QueuePosition { get; init; }
    /// <summary>Where it ran: "cpu@silo" or the GPU device key.</summary>
    [Id(9)] public string Device { get; init; } = "";
    [Id(10)] public DateTimeOffset StartedAt { get; init; }
    [Id(11)] public DateTimeOffset FinishedAt { get; init; }
    /// <summary>The last Python traceback's tail, for failed runs.</summary>
    [Id(12)] public string? Traceback { get; init; }
    /// <summary>CPU time of all the run's processes (from its cgroup; null when unisolated).</summary>
    [Id(13)] public TimeSpan? CpuTime { get; init; }
    /// <summary>Peak memory of the run (from its cgroup; null when unisolated).</summary>
    [Id(14)] public long? PeakMemoryBytes { get; init; }
    /// <summary>Peak GPU memory of the run's processes (NVML; null for CPU runs).</summary>
    [Id(15)] public long? PeakGpuMemoryBytes { get; init; }
    /// <summary>How the code was isolated ("bubblewrap + cgroup v1"); starts with UNISOLATED in development mode.</summary>
    [Id(16)] public string Isolation { get; init; } = "";
}

/// <summary>What a device runs: the code, where, for how long.</summary>
[GenerateSerializer, Immutable]
public sealed record ExecutionRequest
{
    [Id(0)] public required string EpisodeId { get; init; }
    [Id(1)] public required int Step { get; init; }
    /// <summary>The file holding the code (archived in the episode's output directory).</summary>
    [Id(2)] public required string CodePath { get; init; }
    /// <summary>The episode's output directory: the code's working directory, where submission.csv is written.</summary>
    [Id(3)] public required string WorkingDirectory { get; init; }
    [Id(4)] public required string PublicDataDirectory { get; init; }
    [Id(5)] public required TimeSpan Timeout { get; init; }
    /// <summary>Validation only: check syntax and run, but the caller will not score.</summary>
    [Id(6)] public bool ValidateOnly { get; init; }
    /// <summary>The competition (its configured sandbox limits apply).</summary>
    [Id(7)] public string? Competition { get; init; }
    /// <summary>The episode's requested limits (MiB, cores, MiB); null leaves the defaults.</summary>
    [Id(8)] public int? MemoryMb { get; init; }
    [Id(9)] public double? Cpus { get; init; }
    [Id(10)] public int? GpuMemoryMb { get; init; }
}

/// <summary>A device's queue as seen now.</summary>
[GenerateSerializer, Immutable]
public sealed record DeviceStatus
{
    [Id(0)] public required string Device { get; init; }
    [Id(1)] public int Queued { get; init; }
    [Id(2)] public string? RunningEpisode { get; init; }
    [Id(3)] public long Completed { get; init; }
    [Id(4)] public string SiloNode { get; init; } = "";
}

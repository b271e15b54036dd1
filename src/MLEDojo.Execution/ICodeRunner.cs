namespace MLEDojo.Execution;

/// <summary>
/// Runs agent code. <see cref="Sandbox.SandboxedCodeRunner"/> is the production runner; <see cref="ProcessCodeRunner"/>
/// runs code unisolated (development only); tests substitute fakes. Implementations are thread-safe and never throw
/// for anything the code does: every outcome, including our own failure to start it, is a <see cref="CodeRunOutcome"/>.
/// </summary>
public interface ICodeRunner
{
    /// <summary>Compiles the code without running it (Python's py_compile).</summary>
    Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken);

    /// <summary>Runs the code to completion, the timeout, or cancellation (both kill the whole process tree).</summary>
    Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken);
}

/// <summary>What to run and under which limits.</summary>
public sealed record CodeRunSpec
{
    /// <summary>The Python file to run.</summary>
    public required string CodePath { get; init; }
    /// <summary>The working directory (the episode's output directory; submission.csv is written here).</summary>
    public required string WorkingDirectory { get; init; }
    /// <summary>The competition's public data, exposed to the code as DOJO_DATA_DIR.</summary>
    public required string PublicDataDirectory { get; init; }
    public required TimeSpan Timeout { get; init; }
    /// <summary>Variables added to the scrubbed environment (e.g. CUDA_VISIBLE_DEVICES for a GPU).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>The competition, for its configured limits (null: the server's defaults).</summary>
    public string? Competition { get; init; }
    /// <summary>Limits the episode asked for; each is held under the server's maxima.</summary>
    public RequestedLimits Requested { get; init; } = RequestedLimits.None;
    /// <summary>The GPU this run may use (its NVML index), or null for a CPU run.</summary>
    public int? GpuIndex { get; init; }
    /// <summary>
    /// Unix domain sockets the code may connect to, visible at their host paths (an arena agent script's gateway
    /// socket). A sandbox binds only these into the run; the network stays unshared.
    /// </summary>
    public IReadOnlyList<string> Sockets { get; init; } = [];
}

/// <summary>Limits an episode asked for; null leaves the competition's or the server's default.</summary>
public sealed record RequestedLimits(long? MemoryBytes = null, double? Cpus = null, long? GpuMemoryBytes = null)
{
    public static readonly RequestedLimits None = new();
}

public enum CodeRunStatus
{
    Success,
    SyntaxError,
    /// <summary>The code ran and failed (non-zero exit); see the exit code and traceback.</summary>
    CodeError,
    Timeout,
    /// <summary>A cap other than memory and output was hit (the process cap: a fork bomb).</summary>
    ResourceExceeded,
    Cancelled,
    /// <summary>Our side failed (the interpreter or the sandbox could not start); a trainer retries these.</summary>
    InfrastructureFailure,
    /// <summary>The memory cap was hit (the kernel's OOM killer, or a MemoryError).</summary>
    OutOfMemory,
    /// <summary>The run's processes held more GPU memory than its cap (or CUDA ran out of memory).</summary>
    GpuOutOfMemory,
    /// <summary>Too much stdout/stderr, a submission over its size cap, or too many bytes written to the output directory.</summary>
    OutputTooLarge,
}

/// <summary>How a run ended.</summary>
public sealed record CodeRunOutcome
{
    public required CodeRunStatus Status { get; init; }
    public int? ExitCode { get; init; }
    /// <summary>Captured output; when over the cap, its head and tail with a marker saying how much was cut.</summary>
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public TimeSpan Duration { get; init; }
    /// <summary>The Python exception class from the traceback's last line (KeyError, MemoryError, ...), or the cap that was hit.</summary>
    public string? ErrorClass { get; init; }
    /// <summary>The last traceback's tail, for code errors.</summary>
    public string? Traceback { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    /// <summary>CPU time of every process of the run (from the cgroup; null when unisolated).</summary>
    public TimeSpan? CpuTime { get; init; }
    /// <summary>Peak memory of the run (from the cgroup; null when unisolated).</summary>
    public long? PeakMemoryBytes { get; init; }
    /// <summary>Peak GPU memory of the run's processes as NVML saw them (null without a watched GPU).</summary>
    public long? PeakGpuMemoryBytes { get; init; }
    /// <summary>How the code was isolated, e.g. "bubblewrap + cgroup v1"; says so loudly when it was not.</summary>
    public string Isolation { get; init; } = "";
}

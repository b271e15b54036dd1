namespace MLEDojo.Execution;

/// <summary>
/// Runs agent code. The process implementation (<see cref="ProcessCodeRunner"/>) is what the sandbox hardens;
/// tests substitute fakes. Implementations are thread-safe and never throw for anything the code does: every
/// outcome, including our own failure to start it, is a <see cref="CodeRunOutcome"/>.
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
}

public enum CodeRunStatus { Success, SyntaxError, CodeError, Timeout, ResourceExceeded, Cancelled, StartFailed }

/// <summary>How a run ended.</summary>
public sealed record CodeRunOutcome
{
    public required CodeRunStatus Status { get; init; }
    public int? ExitCode { get; init; }
    /// <summary>Captured output; when over the cap, its head and tail with a marker saying how much was cut.</summary>
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public TimeSpan Duration { get; init; }
    /// <summary>The Python exception class from the traceback's last line (KeyError, MemoryError, ...), if any.</summary>
    public string? ErrorClass { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
}

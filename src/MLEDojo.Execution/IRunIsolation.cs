namespace MLEDojo.Execution;

/// <summary>
/// How a run is isolated: turns "run this interpreter with these arguments for this spec" into a launch, the
/// process tree to kill afterwards, the guards that watch it, and what was measured once it ended.
/// </summary>
internal interface IRunIsolation
{
    /// <summary>Shown in every result (e.g. "bubblewrap + cgroup v1").</summary>
    string Description { get; }

    /// <summary>Prepares one run, or explains why it cannot (an infrastructure failure, never the code's fault).</summary>
    IsolatedRun Prepare(CodeRunSpec spec, IReadOnlyList<string> pythonArguments, TimeSpan timeout);
}

/// <summary>One prepared run; disposing it releases what it holds (its cgroups).</summary>
internal abstract class IsolatedRun : IAsyncDisposable
{
    public abstract ProcessLaunch Launch { get; }
    public abstract IProcessTree Tree { get; }
    public abstract IReadOnlyList<IRunGuard> Guards { get; }

    /// <summary>What the isolation measured and saw, read after the run ended and its tree was killed.</summary>
    public abstract RunFacts Finish(ProcessEnding ending);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A run that could not be prepared.</summary>
internal sealed class RefusedRun(string reason) : Exception(reason);

/// <summary>Measurements and kernel verdicts of one run (all null or false when the isolation cannot see them).</summary>
internal sealed record RunFacts
{
    public static readonly RunFacts None = new();

    public TimeSpan? CpuTime { get; init; }
    public long? PeakMemoryBytes { get; init; }
    public long? PeakGpuMemoryBytes { get; init; }
    /// <summary>The kernel's OOM killer killed a process of the run.</summary>
    public bool OutOfMemoryKilled { get; init; }
    /// <summary>The run tried to start more processes than its cap allowed.</summary>
    public bool ProcessLimitHit { get; init; }
    /// <summary>Set when the sandbox itself failed to start (the code never ran): why.</summary>
    public string? SandboxFailure { get; init; }
}

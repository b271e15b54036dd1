namespace MLEDojo.Execution;

/// <summary>A cap that a run went over while it ran (its output, its GPU memory); the run is killed for it.</summary>
public sealed record LimitBreach(CodeRunStatus Status, string ErrorClass, string Message);

/// <summary>
/// Watches a running execution for one cap. <see cref="WatchAsync"/> completes with a breach when the cap is
/// exceeded (the run is then killed), or with null when <paramref name="stop"/> fires first.
/// </summary>
internal interface IRunGuard
{
    Task<LimitBreach?> WatchAsync(CancellationToken stop);
}

/// <summary>Every process one run started, whatever they did to leave its process tree.</summary>
internal interface IProcessTree
{
    /// <summary>Variables the run's processes must carry for the tree to find them (none when the kernel tracks them).</summary>
    IReadOnlyDictionary<string, string> MarkerVariables { get; }

    /// <summary>Kills every process of the run; returns those still alive afterwards.</summary>
    Task<IReadOnlyList<int>> KillAllAsync();
}

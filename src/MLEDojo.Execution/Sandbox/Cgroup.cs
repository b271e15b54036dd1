namespace MLEDojo.Execution.Sandbox;

/// <summary>What a run's cgroup measured once it ended.</summary>
internal sealed record CgroupUsage(TimeSpan? CpuTime, long? PeakMemoryBytes, bool OutOfMemoryKilled, bool ProcessLimitHit);

/// <summary>
/// One run's cgroup (one directory per controller on v1, one on v2): the processes placed in it cannot leave it,
/// however they fork, setsid or double-fork, so it is both the caps and the whole-tree kill.
/// </summary>
internal abstract class Cgroup : IProcessTree
{
    /// <summary>The cgroup.procs files a process writes its pid into to join (before it execs the sandbox).</summary>
    public abstract IReadOnlyList<string> ProcsFiles { get; }

    /// <summary>The directories of this cgroup, created in this order and removed in reverse.</summary>
    public abstract IReadOnlyList<string> Directories { get; }

    IReadOnlyDictionary<string, string> IProcessTree.MarkerVariables => new Dictionary<string, string>();

    /// <summary>The live processes in the cgroup (host pids).</summary>
    public abstract IReadOnlyList<int> Processes();

    /// <summary>Writes the caps.</summary>
    public abstract void Apply(SandboxLimits limits);

    public abstract CgroupUsage ReadUsage();

    /// <summary>Kills every process in the cgroup and waits until it is empty; returns those still there.</summary>
    public abstract Task<IReadOnlyList<int>> KillAllAsync();

    public void Create()
    {
        foreach (var directory in Directories)
            Directory.CreateDirectory(directory);
    }

    /// <summary>Kills what is left and removes the directories; false when one could not be removed.</summary>
    public async Task<bool> DestroyAsync()
    {
        await KillAllAsync().ConfigureAwait(false);
        var removed = true;
        foreach (var directory in Directories.Reverse())
            removed &= await CgroupFiles.RemoveAsync(directory).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Polls until nothing in the cgroup can run any more, or the wait runs out; returns what still can.</summary>
    protected async Task<IReadOnlyList<int>> WaitUntilEmptyAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        var left = Running();
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            // Short polls: what is left is usually a process already on its way out, gone within a millisecond or two.
            await Task.Delay(1).ConfigureAwait(false);
            left = Running();
        }
        return left;
    }

    /// <summary>The file listing every thread in the cgroup (tasks on v1, cgroup.threads on v2).</summary>
    protected abstract string ThreadsFile { get; }

    /// <summary>
    /// The threads that can still run: zombies do not count. bwrap's monitor exits with the code's status before the
    /// sandbox's pid 1 has finished exiting, so that one is often left as an orphan zombie until the host's init reaps
    /// it; waiting for the reaping cost 3-14 ms in one run of five. Threads, not processes: a group leader that exited
    /// while its other threads run is listed as a zombie in cgroup.procs.
    /// </summary>
    protected IReadOnlyList<int> Running() => CgroupFiles.ReadPids(ThreadsFile).Where(ProcessState.IsRunning).ToList();
}

/// <summary>A cgroup hierarchy (v1 or v2) where the sandbox makes one cgroup per run, under one folder per silo process.</summary>
internal abstract class CgroupHierarchy
{
    /// <summary>The name of the folder the sandbox's cgroups live under.</summary>
    public const string SandboxFolder = "mledojo";

    /// <summary>"cgroup v1" or "cgroup v2".</summary>
    public abstract string Version { get; }

    /// <summary>The folders (one per controller on v1) that hold one folder per silo process.</summary>
    public abstract IReadOnlyList<string> SandboxRoots { get; }

    /// <summary>The cgroup of run <paramref name="run"/> of silo process <paramref name="owner"/> (not created).</summary>
    public abstract Cgroup Open(string owner, string run);

    /// <summary>Creates the owner's folder (enabling controllers for its children where the version needs it).</summary>
    public virtual void PrepareOwner(string owner)
    {
        foreach (var root in SandboxRoots)
            Directory.CreateDirectory(Path.Combine(root, owner));
    }

    /// <summary>Creates a run's cgroup with its caps.</summary>
    public Cgroup Create(string owner, string run, SandboxLimits limits)
    {
        var cgroup = Open(owner, run);
        cgroup.Create();
        try
        {
            cgroup.Apply(limits);
        }
        catch
        {
            _ = cgroup.DestroyAsync();
            throw;
        }
        return cgroup;
    }

    /// <summary>Silo processes that have a folder here.</summary>
    public IReadOnlyList<string> Owners() => SubfolderNames(SandboxRoots);

    /// <summary>The runs of one silo process that have a cgroup here.</summary>
    public IReadOnlyList<string> RunsOf(string owner) => SubfolderNames(SandboxRoots.Select(root => Path.Combine(root, owner)));

    public async Task RemoveOwnerAsync(string owner)
    {
        foreach (var root in SandboxRoots)
            await CgroupFiles.RemoveAsync(Path.Combine(root, owner)).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> SubfolderNames(IEnumerable<string> parents) => parents
        .Where(Directory.Exists)
        .SelectMany(Directory.EnumerateDirectories)
        .Select(path => Path.GetFileName(path))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();
}

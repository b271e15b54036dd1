using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// cgroup v2 (the unified hierarchy): one folder per run under &lt;root&gt;/mledojo/&lt;silo process&gt;. The
/// memory, pids and cpu controllers are enabled for the children of each level; cgroup.kill kills the whole
/// tree in one write (kernel 5.14+).
/// </summary>
internal sealed class CgroupV2Hierarchy(string root) : CgroupHierarchy
{
    private const string Controllers = "+memory +pids +cpu";

    public override string Version => "cgroup v2";

    public override IReadOnlyList<string> SandboxRoots => [Path.Combine(root, SandboxFolder)];

    public override Cgroup Open(string owner, string run) => new CgroupV2(Path.Combine(root, SandboxFolder, owner, run));

    public override void PrepareOwner(string owner)
    {
        // A controller reaches a cgroup only when every ancestor enables it for its children.
        EnableControllers(root);
        var sandbox = Path.Combine(root, SandboxFolder);
        Directory.CreateDirectory(sandbox);
        EnableControllers(sandbox);
        var ownerFolder = Path.Combine(sandbox, owner);
        Directory.CreateDirectory(ownerFolder);
        EnableControllers(ownerFolder);
    }

    private static void EnableControllers(string folder)
    {
        var control = Path.Combine(folder, "cgroup.subtree_control");
        var enabled = CgroupFiles.TryRead(control) ?? "";
        if (!Controllers.Split(' ').All(c => enabled.Split(' ', '\n').Contains(c[1..])))
            CgroupFiles.Write(control, Controllers);
    }
}

internal sealed class CgroupV2(string directory) : Cgroup
{
    private const long PeriodMicroseconds = 100_000;

    public override IReadOnlyList<string> Directories => [directory];

    public override IReadOnlyList<string> ProcsFiles => [Path.Combine(directory, "cgroup.procs")];

    public override IReadOnlyList<int> Processes() => CgroupFiles.ReadPids(Path.Combine(directory, "cgroup.procs"));

    public override void Apply(SandboxLimits limits)
    {
        CgroupFiles.Write(Path.Combine(directory, "memory.max"), limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        CgroupFiles.WriteIfPresent(Path.Combine(directory, "memory.swap.max"), "0");
        // On OOM, kill the whole run rather than its largest process (v1 cannot; there the counter tells).
        CgroupFiles.WriteIfPresent(Path.Combine(directory, "memory.oom.group"), "1");
        CgroupFiles.Write(Path.Combine(directory, "pids.max"), limits.MaxProcesses.ToString(CultureInfo.InvariantCulture));
        var quota = CpuQuota.Microseconds(limits.Cpus, PeriodMicroseconds);
        CgroupFiles.Write(Path.Combine(directory, "cpu.max"), $"{(quota == "-1" ? "max" : quota)} {PeriodMicroseconds}");
    }

    public override CgroupUsage ReadUsage() => new(
        CgroupFiles.ReadKey(Path.Combine(directory, "cpu.stat"), "usage_usec") is { } microseconds ? TimeSpan.FromTicks(microseconds * 10) : null,
        // memory.peak exists from kernel 5.19.
        CgroupFiles.ReadNumber(Path.Combine(directory, "memory.peak")),
        CgroupFiles.ReadKey(Path.Combine(directory, "memory.events"), "oom_kill") > 0,
        CgroupFiles.ReadKey(Path.Combine(directory, "pids.events"), "max") > 0);

    public override async Task<IReadOnlyList<int>> KillAllAsync()
    {
        if (!Directory.Exists(directory) || Running().Count == 0)
            return [];
        CgroupFiles.Write(Path.Combine(directory, "cgroup.kill"), "1");
        return await WaitUntilEmptyAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    protected override string ThreadsFile => Path.Combine(directory, "cgroup.threads");
}

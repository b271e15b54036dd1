using System.Globalization;
using MLEDojo.Execution.Native;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// cgroup v1: one hierarchy per controller. A run's cgroup is a folder in each of memory, pids, cpu, cpuacct and
/// freezer, under this process's own cgroup in that hierarchy (so the machine's accounting of the silo still
/// covers its runs). v1 has no cgroup.kill: the tree kill freezes the cgroup, SIGKILLs every process in it (a
/// frozen process cannot fork away), and thaws it so the kills land.
/// </summary>
internal sealed class CgroupV1Hierarchy(CgroupV1Controllers controllers) : CgroupHierarchy
{
    public override string Version => "cgroup v1";

    public override IReadOnlyList<string> SandboxRoots => controllers.All;

    public override Cgroup Open(string owner, string run) => new CgroupV1(controllers, owner, run);
}

/// <summary>The sandbox's folder in each v1 controller's hierarchy (cpu and cpuacct may be one mount).</summary>
internal sealed record CgroupV1Controllers(string Memory, string Pids, string Cpu, string CpuAccounting, string Freezer)
{
    public IReadOnlyList<string> All => new[] { Memory, Pids, Cpu, CpuAccounting, Freezer }.Distinct(StringComparer.Ordinal).ToList();
}

internal sealed class CgroupV1(CgroupV1Controllers controllers, string owner, string run) : Cgroup
{
    private const long PeriodMicroseconds = 100_000;

    private string In(string controllerRoot) => Path.Combine(controllerRoot, owner, run);
    private string Memory => In(controllers.Memory);
    private string Pids => In(controllers.Pids);
    private string Cpu => In(controllers.Cpu);
    private string CpuAccounting => In(controllers.CpuAccounting);
    private string Freezer => In(controllers.Freezer);

    public override IReadOnlyList<string> Directories => controllers.All.Select(In).ToList();

    public override IReadOnlyList<string> ProcsFiles => Directories.Select(d => Path.Combine(d, "cgroup.procs")).ToList();

    public override IReadOnlyList<int> Processes() => CgroupFiles.ReadPids(Path.Combine(Freezer, "cgroup.procs"));

    public override void Apply(SandboxLimits limits)
    {
        var memory = limits.MemoryBytes.ToString(CultureInfo.InvariantCulture);
        CgroupFiles.Write(Path.Combine(Memory, "memory.limit_in_bytes"), memory);
        // memory+swap no higher than memory: swapping out would let the run exceed its cap (absent without swap accounting).
        CgroupFiles.WriteIfPresent(Path.Combine(Memory, "memory.memsw.limit_in_bytes"), memory);
        CgroupFiles.Write(Path.Combine(Pids, "pids.max"), limits.MaxProcesses.ToString(CultureInfo.InvariantCulture));
        CgroupFiles.Write(Path.Combine(Cpu, "cpu.cfs_period_us"), PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
        CgroupFiles.Write(Path.Combine(Cpu, "cpu.cfs_quota_us"), CpuQuota.Microseconds(limits.Cpus, PeriodMicroseconds));
    }

    public override CgroupUsage ReadUsage() => new(
        CgroupFiles.ReadNumber(Path.Combine(CpuAccounting, "cpuacct.usage")) is { } nanoseconds ? TimeSpan.FromTicks(nanoseconds / 100) : null,
        CgroupFiles.ReadNumber(Path.Combine(Memory, "memory.max_usage_in_bytes")),
        // v1 kills only the largest task: the counter is the one reliable sign that an OOM kill happened.
        CgroupFiles.ReadKey(Path.Combine(Memory, "memory.oom_control"), "oom_kill") > 0,
        CgroupFiles.ReadKey(Path.Combine(Pids, "pids.events"), "max") > 0);

    public override async Task<IReadOnlyList<int>> KillAllAsync()
    {
        if (!Directory.Exists(Freezer))
            return [];
        var state = Path.Combine(Freezer, "freezer.state");
        for (var round = 0; round < 20; round++)
        {
            if (Running().Count == 0)
                return [];
            CgroupFiles.Write(state, "FROZEN");
            await WaitForStateAsync(state, "FROZEN").ConfigureAwait(false);
            foreach (var pid in Processes())
                _ = LibC.Kill(pid, LibC.SigKill);
            CgroupFiles.Write(state, "THAWED");
            if ((await WaitUntilEmptyAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false)).Count == 0)
                return [];
        }
        return Running();
    }

    protected override string ThreadsFile => Path.Combine(Freezer, "tasks");

    private static async Task WaitForStateAsync(string stateFile, string wanted)
    {
        // FREEZING turns into FROZEN once every task has stopped; a task stuck in the kernel may take a moment.
        for (var attempt = 0; attempt < 1000 && CgroupFiles.TryRead(stateFile)?.Trim() != wanted; attempt++)
            await Task.Delay(1).ConfigureAwait(false);
    }
}

/// <summary>The CPU quota per period for a number of cores ("max"/-1: unlimited).</summary>
internal static class CpuQuota
{
    public static string Microseconds(double cpus, long period) =>
        cpus <= 0 ? "-1" : Math.Max(1000, (long)Math.Round(cpus * period)).ToString(CultureInfo.InvariantCulture);
}

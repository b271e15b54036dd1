namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// Finds the cgroup hierarchy the sandbox can use: v2 when the unified hierarchy is mounted at the root with the
/// memory, pids and cpu controllers available (most servers, the GPU machines); else v1 with the memory, pids,
/// cpu, cpuacct and freezer hierarchies mounted under the root (these machines; a v2 mount beside them without
/// those controllers is not used).
/// </summary>
internal static class CgroupDetection
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    public static CgroupHierarchy? Detect(string root, out string? problem)
    {
        problem = null;
        var v2Controllers = CgroupFiles.TryRead(Path.Combine(root, "cgroup.controllers"));
        if (v2Controllers is not null)
        {
            var available = v2Controllers.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var missing = new[] { "memory", "pids", "cpu" }.Except(available).ToList();
            if (missing.Count == 0)
                return new CgroupV2Hierarchy(root);
            problem = $"cgroup v2 at {root} lacks the controller(s) {string.Join(", ", missing)} (cgroup.controllers: '{v2Controllers.Trim()}').";
            return null;
        }

        string? Controller(string name, string probeFile)
        {
            var folder = Path.Combine(root, name);
            return File.Exists(Path.Combine(folder, probeFile)) ? Path.Combine(folder, CgroupHierarchy.SandboxFolder) : null;
        }
        var memory = Controller("memory", "memory.limit_in_bytes");
        var pids = Controller("pids", "cgroup.procs");
        var cpu = Controller("cpu", "cpu.cfs_quota_us");
        var cpuAccounting = Controller("cpuacct", "cpuacct.usage");
        var freezer = Controller("freezer", "cgroup.procs");
        var absent = new[] { ("memory", memory), ("pids", pids), ("cpu", cpu), ("cpuacct", cpuAccounting), ("freezer", freezer) }
            .Where(c => c.Item2 is null).Select(c => c.Item1).ToList();
        if (absent.Count == 0)
            return new CgroupV1Hierarchy(new CgroupV1Controllers(memory!, pids!, cpu!, cpuAccounting!, freezer!));
        problem = Directory.Exists(root)
            ? $"no usable cgroup hierarchy under {root}: not cgroup v2 with memory+pids+cpu, and cgroup v1 lacks {string.Join(", ", absent)}."
            : $"{root} does not exist (no cgroups).";
        return null;
    }
}

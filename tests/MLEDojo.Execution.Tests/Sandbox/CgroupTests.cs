using MLEDojo.Execution.Sandbox;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>
/// cgroup v2 against a folder laid out as the kernel would (this machine's v2 mount has no memory/pids/cpu
/// controllers), its whole-tree kill against the real v2 mount (cgroup.kill works there without controllers),
/// detection, limit resolution and the start-up sweep.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class CgroupTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void V2_writes_the_caps_and_reads_usage_from_the_kernels_files()
    {
        var root = _scratch.Root;
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpuset cpu io memory hugetlb pids\n");
        var hierarchy = CgroupDetection.Detect(root, out var problem);
        Assert.True(problem is null, problem);
        Assert.IsType<CgroupV2Hierarchy>(hierarchy);
        hierarchy!.PrepareOwner("123-456");
        Assert.Equal("+memory +pids +cpu", File.ReadAllText(Path.Combine(root, "cgroup.subtree_control")));
        Assert.Equal("+memory +pids +cpu", File.ReadAllText(Path.Combine(root, "mledojo", "123-456", "cgroup.subtree_control")));

        var run = Path.Combine(root, "mledojo", "123-456", "r1");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "memory.oom.group"), "0");
        var cgroup = hierarchy.Create("123-456", "r1", new SandboxLimits { MemoryBytes = 1 << 30, MaxProcesses = 100, Cpus = 1.5 });

        Assert.Equal((1 << 30).ToString(), File.ReadAllText(Path.Combine(run, "memory.max")));
        Assert.Equal("1", File.ReadAllText(Path.Combine(run, "memory.oom.group")));
        Assert.Equal("100", File.ReadAllText(Path.Combine(run, "pids.max")));
        Assert.Equal("150000 100000", File.ReadAllText(Path.Combine(run, "cpu.max")));
        Assert.Equal([Path.Combine(run, "cgroup.procs")], cgroup.ProcsFiles);

        File.WriteAllText(Path.Combine(run, "cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\n");
        File.WriteAllText(Path.Combine(run, "memory.peak"), "104857600\n");
        File.WriteAllText(Path.Combine(run, "memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        File.WriteAllText(Path.Combine(run, "pids.events"), "max 0\n");
        Assert.Equal(new CgroupUsage(TimeSpan.FromSeconds(2.5), 104857600, OutOfMemoryKilled: true, ProcessLimitHit: false), cgroup.ReadUsage());
    }

    [Fact]
    public void Detection_names_what_is_missing()
    {
        File.WriteAllText(Path.Combine(_scratch.Root, "cgroup.controllers"), "hugetlb\n");
        Assert.Null(CgroupDetection.Detect(_scratch.Root, out var v2Problem));
        Assert.Contains("memory, pids, cpu", v2Problem);

        Assert.Null(CgroupDetection.Detect(Path.Combine(_scratch.Root, "absent"), out var absent));
        Assert.Contains("does not exist", absent);

        Assert.IsType<CgroupV1Hierarchy>(CgroupDetection.Detect(CgroupDetection.DefaultRoot, out var here));
        Assert.Null(here);
    }

    [Fact]
    public async Task V2_cgroup_kill_leaves_nothing_of_a_tree_that_setsids_and_double_forks()
    {
        var hierarchy = new CgroupV2Hierarchy("/sys/fs/cgroup/unified");
        var owner = "test-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(hierarchy.SandboxRoots[0], owner));
        var cgroup = hierarchy.Open(owner, "run");
        cgroup.Create();
        try
        {
            var script = """
                import os, subprocess, time
                subprocess.Popen(['sleep', '600'], start_new_session=True)
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(600)
                    os._exit(0)
                time.sleep(600)
                """;
            using var shell = System.Diagnostics.Process.Start("/bin/sh",
                ["-c", "echo $$ > \"$1\" && exec /usr/bin/python3 -c \"$2\"", "sh", cgroup.ProcsFiles[0], script]);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (cgroup.Processes().Count < 3 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            var members = cgroup.Processes();
            Assert.True(members.Count >= 3, $"{members.Count} processes joined");

            var survivors = await cgroup.KillAllAsync();

            Assert.Empty(survivors);
            Assert.Empty(cgroup.Processes());
            await Task.Delay(100);
            Assert.All(members, pid => Assert.False(ProcessProbe.IsAlive(pid), $"{pid} survived"));
        }
        finally
        {
            Assert.True(await cgroup.DestroyAsync());
            await hierarchy.RemoveOwnerAsync(owner);
        }
    }

    [Fact]
    public async Task The_startup_sweep_kills_the_runs_of_silo_processes_that_are_gone_and_spares_live_ones()
    {
        var hierarchy = CgroupDetection.Detect(CgroupDetection.DefaultRoot, out _)!;
        var dead = "999999999-1";
        var live = SiloProcess.Current;
        hierarchy.PrepareOwner(dead);
        hierarchy.PrepareOwner(live);
        var orphan = hierarchy.Create(dead, "orphan", new SandboxLimits());
        var ours = hierarchy.Create(live, "ours", new SandboxLimits());
        using var sleeper = System.Diagnostics.Process.Start("/bin/sh",
            ["-c", "for f in \"$@\"; do echo $$ > \"$f\"; done; exec sleep 600", "sh", .. orphan.ProcsFiles]);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (orphan.Processes().Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        try
        {
            var swept = await OrphanSweep.SweepAsync(hierarchy, owner => owner != dead && SiloProcess.IsAlive(owner));

            var line = Assert.Single(swept);
            Assert.StartsWith($"{dead}/orphan: 1 process(es) killed", line);
            Assert.True(sleeper.WaitForExit(5000));
            Assert.DoesNotContain(dead, hierarchy.Owners());
            Assert.Contains(live, hierarchy.Owners());
            Assert.All(ours.Directories, d => Assert.True(Directory.Exists(d)));
        }
        finally
        {
            await ours.DestroyAsync();
        }
    }

    [Fact]
    public async Task The_tree_kill_still_kills_the_threads_of_a_process_whose_main_thread_exited()
    {
        var (hierarchy, owner) = Hierarchy();
        var cgroup = hierarchy.Create(owner, "leader", new SandboxLimits());
        // The main thread leaves by the raw exit system call (not exit_group): a zombie leader, listed as such in
        // cgroup.procs, with a thread still running; waiting "until no live process is left" must not stop at it.
        var script = """
            import ctypes, os, threading, time
            threading.Thread(target=time.sleep, args=(600,)).start()
            libc = ctypes.CDLL(None)
            libc.syscall.argtypes = [ctypes.c_long, ctypes.c_long]
            libc.syscall({"x86_64": 60, "aarch64": 93}[os.uname().machine], 0)
            """;
        using var python = System.Diagnostics.Process.Start("/bin/sh", ["-c",
            "script=$1; shift; for f in \"$@\"; do echo $$ > \"$f\"; done; exec /usr/bin/python3 -c \"$script\"",
            "sh", script, .. cgroup.ProcsFiles]);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (ProcessState.IsRunning(python.Id) && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            Assert.False(ProcessState.IsRunning(python.Id), "the main thread did not exit");
            Assert.True(Directory.GetDirectories($"/proc/{python.Id}/task").Length > 0, "the process ended with its main thread");

            Assert.Empty(await cgroup.KillAllAsync());
            Assert.True(python.WaitForExit(5000), "the remaining thread survived the tree kill");
        }
        finally
        {
            Assert.True(await cgroup.DestroyAsync());
            await hierarchy.RemoveOwnerAsync(owner);
        }
    }

    private static (CgroupHierarchy Hierarchy, string Owner) Hierarchy()
    {
        var hierarchy = CgroupDetection.Detect(CgroupDetection.DefaultRoot, out var problem) ?? throw new InvalidOperationException(problem);
        var owner = "test-" + Guid.NewGuid().ToString("N")[..8];
        hierarchy.PrepareOwner(owner);
        return (hierarchy, owner);
    }

    [Fact]
    public void Silo_process_names_tell_live_processes_from_gone_ones()
    {
        Assert.True(SiloProcess.IsAlive(SiloProcess.Current));
        Assert.False(SiloProcess.IsAlive(SiloProcess.Current + "0"));
        Assert.False(SiloProcess.IsAlive("999999999-1"));
        Assert.False(SiloProcess.IsAlive("not-a-pid"));
    }

    [Fact]
    public void Limits_come_from_the_episode_then_the_competition_then_the_defaults_and_never_exceed_the_maxima()
    {
        var policy = new SandboxLimitsPolicy
        {
            Defaults = new SandboxLimits { MemoryBytes = 100, Cpus = 1, MaxProcesses = 10, GpuMemoryBytes = 50 },
            Maxima = new SandboxLimits { MemoryBytes = 1000, Cpus = 4, MaxProcesses = 20, GpuMemoryBytes = 500 },
            Competitions = new Dictionary<string, LimitOverrides> { ["big"] = new() { MemoryBytes = 800, MaxProcesses = 15 } },
        };

        Assert.Equal(100, policy.Resolve(null, RequestedLimits.None).MemoryBytes);
        Assert.Equal(800, policy.Resolve("big", RequestedLimits.None).MemoryBytes);
        Assert.Equal(15, policy.Resolve("big", RequestedLimits.None).MaxProcesses);
        Assert.Equal(300, policy.Resolve("big", new RequestedLimits(MemoryBytes: 300)).MemoryBytes);
        Assert.Equal(1000, policy.Resolve("big", new RequestedLimits(MemoryBytes: 1L << 40)).MemoryBytes);
        Assert.Equal(4, policy.Resolve(null, new RequestedLimits(Cpus: 64)).Cpus);
        Assert.Equal(500, policy.Resolve(null, new RequestedLimits(GpuMemoryBytes: 1L << 40)).GpuMemoryBytes);
    }
}

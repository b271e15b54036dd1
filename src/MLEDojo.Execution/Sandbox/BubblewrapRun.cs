using System.Globalization;
using MLEDojo.Execution.Sandbox.Gpu;

namespace MLEDojo.Execution.Sandbox;

/// <summary>Isolation by bubblewrap inside a per-run cgroup (see <see cref="SandboxedCodeRunner"/>).</summary>
internal sealed class BubblewrapRun(ExecutionLimits limits, SandboxOptions options, string userName, CgroupHierarchy cgroups,
    IGpuProcessSource? gpu) : IRunIsolation
{
    public string Description => $"bubblewrap + {cgroups.Version}";

    public IsolatedRun Prepare(CodeRunSpec spec, IReadOnlyList<string> pythonArguments, TimeSpan timeout)
    {
        var runLimits = options.Limits.Resolve(spec.Competition, spec.Requested);
        var workingDirectory = CodeRunner.WorkingDirectoryOf(spec);
        var publicData = Path.GetFullPath(spec.PublicDataDirectory);
        var codePath = CodeRunner.CodePathOf(spec);
        var sockets = spec.Sockets.Select(Path.GetFullPath).ToList();
        foreach (var path in new[] { workingDirectory, publicData, codePath }.Concat(sockets))
        {
            if (SandboxPaths.Unreachable(path) is { } problem)
                throw new RefusedRun(problem);
        }
        if (!Directory.Exists(publicData))
            throw new RefusedRun($"Public data directory '{publicData}' does not exist.");
        if (sockets.FirstOrDefault(s => !File.Exists(s)) is { } missing)
            throw new RefusedRun($"Socket '{missing}' does not exist.");
        var watchGpu = spec.GpuIndex is { } device && runLimits.GpuMemoryBytes is not null;
        if (watchGpu)
            CheckGpuReadable(spec.GpuIndex!.Value);
        SandboxPaths.HandOver(workingDirectory, options.Uid, options.Gid);

        var run = Guid.NewGuid().ToString("N");
        Cgroup cgroup;
        try
        {
            cgroup = cgroups.Create(SiloProcess.Current, run, runLimits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RefusedRun($"Could not create the run's cgroup ({cgroups.Version}): {e.Message}");
        }

        BubblewrapAdmission admission;
        try
        {
            admission = new BubblewrapAdmission(cgroup.ProcsFiles, options.Uid, options.Gid);
        }
        catch (IOException e)
        {
            _ = cgroup.DestroyAsync();
            throw new RefusedRun($"Could not create the pipes that start the sandbox: {e.Message}");
        }

        var environment = new Dictionary<string, string>(ScrubbedEnvironment.For(spec, workingDirectory, publicData), StringComparer.Ordinal);
        foreach (var (name, value) in ThreadHints(runLimits))
            environment.TryAdd(name, value);
        var bubblewrap = new BubblewrapCommand()
            .ReportStatusTo(admission.StatusDescriptor)
            .WaitForGate(admission.GateDescriptor)
            .WithSystem(options.ReadOnlyPaths)
            .WithPrivateTmp(runLimits.TmpBytes);
        if (spec.GpuIndex is { } gpuIndex)
        {
            foreach (var (name, value) in GpuFrameworkHints.For(gpuIndex, runLimits.GpuMemoryBytes))
                environment[name] = value;
            bubblewrap.WithDevices(GpuFrameworkHints.DeviceNodes(gpuIndex));
        }
        // Parents before children, so a nested bind is not hidden by its parent's.
        bubblewrap.WithReadOnly(publicData).WithWritable(workingDirectory);
        if (!codePath.StartsWith(workingDirectory + "/", StringComparison.Ordinal))
            bubblewrap.WithReadOnly(codePath);
        // A socket is reached by its path, not through the network namespace: connecting needs no writable mount.
        foreach (var socket in sockets)
            bubblewrap.WithReadOnly(socket);
        bubblewrap.InDirectory(workingDirectory).WithEnvironment(environment);

        var guards = new List<IRunGuard>();
        GpuMemoryGuard? gpuGuard = null;
        if (watchGpu)
        {
            gpuGuard = new GpuMemoryGuard(gpu!, spec.GpuIndex!.Value, cgroup.Processes, runLimits.GpuMemoryBytes!.Value, options.GpuPollInterval);
            guards.Add(gpuGuard);
        }
        var (fileName, arguments) = SandboxLaunchChain.For(options, runLimits, limits.Output.MaxBytesWritten,
            bubblewrap.Build(limits.Python, pythonArguments));
        return new Prepared(new ProcessLaunch
        {
            FileName = fileName,
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
            // The shell and bwrap see only this; bwrap clears it and sets the code's own.
            Environment = options.BubblewrapLibraryPath is { } libraries
                ? new Dictionary<string, string> { ["PATH"] = ScrubbedEnvironment.SearchPath, ["LD_LIBRARY_PATH"] = libraries }
                : new Dictionary<string, string> { ["PATH"] = ScrubbedEnvironment.SearchPath },
            Timeout = timeout,
            MaxCapturedBytes = limits.MaxCapturedBytes,
            MaxStreamBytes = limits.MaxStreamBytes,
            // Never root: a root-run bwrap leaves the code with host uid 0 for permission checks.
            UserName = userName,
            Admission = admission,
        }, cgroup, guards, gpuGuard, admission);
    }

    private void CheckGpuReadable(int device)
    {
        if (gpu is null)
            throw new RefusedRun($"This run has a GPU memory cap but the silo has no GPU process source (NVML) to enforce it on GPU {device}.");
        try
        {
            gpu.RunningProcesses(device);
        }
        catch (GpuUnavailableException e)
        {
            throw new RefusedRun($"The GPU memory cap cannot be enforced on GPU {device}: {e.Message}");
        }
    }

    /// <summary>Thread pools sized to the CPU quota: more threads than cores only queue behind the quota.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ThreadHints(SandboxLimits limits)
    {
        var threads = (limits.Cpus <= 0 ? Environment.ProcessorCount : (int)Math.Ceiling(limits.Cpus)).ToString(CultureInfo.InvariantCulture);
        yield return new("OMP_NUM_THREADS", threads);
        yield return new("OPENBLAS_NUM_THREADS", threads);
        yield return new("MKL_NUM_THREADS", threads);
        yield return new("MALLOC_ARENA_MAX", "2");
        yield return new("TMPDIR", "/tmp");
    }

    private sealed class Prepared(ProcessLaunch launch, Cgroup cgroup, IReadOnlyList<IRunGuard> guards, GpuMemoryGuard? gpuGuard,
        BubblewrapAdmission admission) : IsolatedRun
    {
        public override ProcessLaunch Launch => launch;
        public override IProcessTree Tree => cgroup;
        public override IReadOnlyList<IRunGuard> Guards => guards;

        public override RunFacts Finish(ProcessEnding ending)
        {
            var usage = cgroup.ReadUsage();
            return new RunFacts
            {
                CpuTime = usage.CpuTime,
                PeakMemoryBytes = usage.PeakMemoryBytes,
                PeakGpuMemoryBytes = gpuGuard?.PeakBytes,
                OutOfMemoryKilled = usage.OutOfMemoryKilled,
                ProcessLimitHit = usage.ProcessLimitHit,
                SandboxFailure = ending.Reason is ProcessEndReason.Exited or ProcessEndReason.FailedToStart && !admission.Admitted
                    ? $"The sandbox did not start{(ending.ExitCode is { } code ? $" (exit code {code})" : "")}: {ending.Stderr.Trim()}"
                    : null,
            };
        }

        public override async ValueTask DisposeAsync()
        {
            await cgroup.DestroyAsync().ConfigureAwait(false);
            admission.Dispose();
        }
    }
}

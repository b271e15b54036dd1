using MLEDojo.Execution.Sandbox.Gpu;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// Runs agent code in a sandbox that holds: bubblewrap (no network, no host files but the run's own, no
/// capabilities, an unprivileged uid) inside a per-run cgroup (memory, processes, CPU quota; the whole-tree kill;
/// CPU time and peak memory), with output caps and, for GPU runs, an NVML-enforced GPU memory cap.
/// Build it with <see cref="CreateAsync"/>, which says why when this machine cannot sandbox.
/// </summary>
public sealed class SandboxedCodeRunner : ICodeRunner
{
    private readonly CodeRunner _runner;

    private SandboxedCodeRunner(CodeRunner runner, string description, IReadOnlyList<string> swept)
    {
        _runner = runner;
        Description = description;
        SweptAtStart = swept;
    }

    /// <summary>E.g. "bubblewrap + cgroup v1".</summary>
    public string Description { get; }

    /// <summary>What the start-up sweep killed: runs left by silo processes that are gone.</summary>
    public IReadOnlyList<string> SweptAtStart { get; }

    public Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken) => _runner.RunAsync(spec, cancellationToken);

    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) => _runner.CheckSyntaxAsync(spec, cancellationToken);

    /// <summary>
    /// Checks that this machine can sandbox (bubblewrap, root, the sandbox user, a usable cgroup hierarchy), sweeps
    /// what crashed silos left, and proves the whole chain by running the interpreter once in a sandbox.
    /// </summary>
    public static async Task<SandboxSetup> CreateAsync(ExecutionLimits limits, SandboxOptions options, IGpuProcessSource? gpu = null)
    {
        var problems = new List<string>();
        foreach (var tool in new[] { options.Bubblewrap, options.Shell, limits.Python })
        {
            if (!File.Exists(tool))
                problems.Add($"{tool} does not exist{(tool == options.Bubblewrap ? " (install Debian's bubblewrap)" : "")}.");
        }
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
            problems.Add("the silo is not running as root (it must create cgroups and start the sandbox as another user).");
        var user = SandboxUser.Resolve(options.Uid, options.Gid, out var userProblem);
        if (userProblem is not null)
            problems.Add(userProblem);
        var cgroups = CgroupDetection.Detect(options.CgroupRoot, out var cgroupProblem);
        if (cgroupProblem is not null)
            problems.Add(cgroupProblem);
        if (problems.Count > 0 || cgroups is null || user is null)
            return SandboxSetup.Unavailable(problems);

        IReadOnlyList<string> swept;
        try
        {
            cgroups.PrepareOwner(SiloProcess.Current);
            swept = await OrphanSweep.SweepAsync(cgroups, owner => owner == SiloProcess.Current || SiloProcess.IsAlive(owner)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SandboxSetup.Unavailable([$"preparing {cgroups.Version} under {options.CgroupRoot} failed: {e.Message}"]);
        }

        var isolation = new BubblewrapRun(limits, options, user, cgroups, gpu ?? new NvmlLibrary());
        var runner = new SandboxedCodeRunner(new CodeRunner(limits, isolation, limits.Output), isolation.Description, swept);
        if (await runner.ProbeAsync().ConfigureAwait(false) is { } failure)
            return SandboxSetup.Unavailable([failure]);
        return SandboxSetup.Available(runner);
    }

    /// <summary>Runs a one-line script through the whole chain; why it failed, or null.</summary>
    private async Task<string?> ProbeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("mledojo-probe-");
        try
        {
            // Temporary folders are private (0700); the sandbox user must reach this one.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var code = Path.Combine(folder.FullName, "probe.py");
            await File.WriteAllTextAsync(code, "print('sandbox ok')\n").ConfigureAwait(false);
            var outcome = await RunAsync(new CodeRunSpec
            {
                CodePath = code,
                WorkingDirectory = folder.FullName,
                PublicDataDirectory = folder.FullName,
                Timeout = TimeSpan.FromSeconds(30),
            }, CancellationToken.None).ConfigureAwait(false);
            return outcome is { Status: CodeRunStatus.Success, Stdout: "sandbox ok\n" }
                ? null
                : $"a probe run in the sandbox failed ({outcome.Status}, exit code {outcome.ExitCode}): {outcome.Stderr.Trim()}";
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool IsRoot() => string.Equals(File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
        .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2), "0", StringComparison.Ordinal);
}

/// <summary>The sandbox, or why this machine cannot have one.</summary>
public sealed record SandboxSetup(SandboxedCodeRunner? Runner, IReadOnlyList<string> Problems)
{
    public static SandboxSetup Available(SandboxedCodeRunner runner) => new(runner, []);
    public static SandboxSetup Unavailable(IReadOnlyList<string> problems) => new(null, problems);
}

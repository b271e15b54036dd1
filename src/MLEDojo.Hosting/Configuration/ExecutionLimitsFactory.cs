using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;

namespace MLEDojo.Hosting.Configuration;

/// <summary>The code runner's limits and the sandbox's options from the silo's configuration (python, limits.*, sandbox.*).</summary>
public static class ExecutionLimitsFactory
{
    private const long Mebibyte = 1024 * 1024;

    public static ExecutionLimits Create(DojoSiloOptions options) => new()
    {
        Python = options.Python,
        MaxCapturedBytes = options.Limits.MaxCapturedOutputBytes,
        MaxStreamBytes = options.Sandbox.MaxStreamMb * Mebibyte,
        Output = new OutputCaps
        {
            MaxBytesWritten = options.Sandbox.MaxOutputDirectoryMb * Mebibyte,
            MaxSubmissionBytes = options.Limits.MaxSubmissionBytes,
        },
    };

    public static SandboxOptions Sandbox(DojoSiloOptions options)
    {
        var sandbox = options.Sandbox;
        return new SandboxOptions
        {
            Bubblewrap = sandbox.Bubblewrap,
            BubblewrapLibraryPath = sandbox.BubblewrapLibraryPath,
            Uid = sandbox.Uid,
            Gid = sandbox.Gid,
            CgroupRoot = sandbox.CgroupRoot,
            ReadOnlyPaths = [.. SandboxOptions.DefaultReadOnlyPaths, .. sandbox.ExtraReadOnlyPaths],
            Limits = new SandboxLimitsPolicy
            {
                Defaults = new SandboxLimits
                {
                    MemoryBytes = sandbox.MemoryMb * Mebibyte,
                    Cpus = sandbox.Cpus,
                    MaxProcesses = sandbox.MaxProcesses,
                    TmpBytes = sandbox.TmpMb * Mebibyte,
                    GpuMemoryBytes = sandbox.GpuMemoryMb > 0 ? sandbox.GpuMemoryMb * Mebibyte : null,
                },
                Maxima = new SandboxLimits
                {
                    MemoryBytes = sandbox.MaxMemoryMb * Mebibyte,
                    Cpus = sandbox.MaxCpus,
                    MaxProcesses = sandbox.MaxProcesses,
                    TmpBytes = Math.Max(sandbox.TmpMb, sandbox.Competitions.Values.Max(c => c.TmpMb) ?? 0) * Mebibyte,
                    GpuMemoryBytes = sandbox.MaxGpuMemoryMb * Mebibyte,
                },
                Competitions = sandbox.Competitions.ToDictionary(c => c.Key, c => new LimitOverrides
                {
                    MemoryBytes = c.Value.MemoryMb * Mebibyte,
                    Cpus = c.Value.Cpus,
                    MaxProcesses = c.Value.MaxProcesses,
                    TmpBytes = c.Value.TmpMb * Mebibyte,
                    GpuMemoryBytes = c.Value.GpuMemoryMb * Mebibyte,
                }),
            },
        };
    }
}

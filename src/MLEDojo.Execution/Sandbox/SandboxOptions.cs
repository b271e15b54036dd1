namespace MLEDojo.Execution.Sandbox;

/// <summary>How the sandbox is built on this machine, and the limits runs get.</summary>
public sealed record SandboxOptions
{
    public string Bubblewrap { get; init; } = "/usr/bin/bwrap";
    /// <summary>A folder of libraries bubblewrap needs that the host lacks (a bubblewrap unpacked from a .deb); null: none.</summary>
    public string? BubblewrapLibraryPath { get; init; }
    public string Shell { get; init; } = "/bin/sh";
    /// <summary>
    /// The unprivileged host user the sandbox runs as (bubblewrap is started as this user, never as root). It needs an
    /// entry in the user database with this primary group and no other group: the process is started by that name.
    /// </summary>
    public int Uid { get; init; } = 65534;
    public int Gid { get; init; } = 65534;
    public string CgroupRoot { get; init; } = CgroupDetection.DefaultRoot;
    /// <summary>Host paths made visible read-only at the same place, when they exist, beside /usr and the run's own folders.</summary>
    public IReadOnlyList<string> ReadOnlyPaths { get; init; } = DefaultReadOnlyPaths;
    public SandboxLimitsPolicy Limits { get; init; } = new();
    /// <summary>How often the GPU memory of a run's processes is read through NVML.</summary>
    public TimeSpan GpuPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>What Python and its libraries read under /etc (the BLAS alternatives, the loader cache, time zone, fonts).</summary>
    public static readonly IReadOnlyList<string> DefaultReadOnlyPaths =
    [
        "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/python3",
        "/etc/python3.11", "/etc/python3.12", "/etc/fonts", "/etc/matplotlibrc", "/etc/mime.types",
    ];
}

/// <summary>Limits an episode or a competition sets; null leaves the level below.</summary>
public sealed record LimitOverrides
{
    public long? MemoryBytes { get; init; }
    public double? Cpus { get; init; }
    public int? MaxProcesses { get; init; }
    public long? TmpBytes { get; init; }
    public long? GpuMemoryBytes { get; init; }
}

/// <summary>
/// The limits of one run: the episode's request, else the competition's configured limits, else the server's
/// defaults; each then held under the server's maxima, which nothing a client sends can raise.
/// </summary>
public sealed record SandboxLimitsPolicy
{
    public SandboxLimits Defaults { get; init; } = new();
    public SandboxLimits Maxima { get; init; } = new()
    {
        MemoryBytes = 64L * 1024 * 1024 * 1024,
        MaxProcesses = 4096,
        Cpus = Environment.ProcessorCount,
        TmpBytes = 16L * 1024 * 1024 * 1024,
        GpuMemoryBytes = null,
    };
    /// <summary>Per competition name.</summary>
    public IReadOnlyDictionary<string, LimitOverrides> Competitions { get; init; } = new Dictionary<string, LimitOverrides>();

    public SandboxLimits Resolve(string? competition, RequestedLimits requested)
    {
        var configured = competition is not null && Competitions.TryGetValue(competition, out var c) ? c : new LimitOverrides();
        return new SandboxLimits
        {
            MemoryBytes = Math.Min(requested.MemoryBytes ?? configured.MemoryBytes ?? Defaults.MemoryBytes, Maxima.MemoryBytes),
            Cpus = Math.Min(requested.Cpus ?? configured.Cpus ?? Defaults.Cpus, Maxima.Cpus),
            MaxProcesses = Math.Min(configured.MaxProcesses ?? Defaults.MaxProcesses, Maxima.MaxProcesses),
            TmpBytes = Math.Min(configured.TmpBytes ?? Defaults.TmpBytes, Maxima.TmpBytes),
            OpenFiles = Defaults.OpenFiles,
            GpuMemoryBytes = Min(requested.GpuMemoryBytes ?? configured.GpuMemoryBytes ?? Defaults.GpuMemoryBytes, Maxima.GpuMemoryBytes),
        };
    }

    private static long? Min(long? value, long? maximum) => (value, maximum) switch
    {
        (null, _) => maximum,
        (_, null) => value,
        _ => Math.Min(value.Value, maximum.Value),
    };
}

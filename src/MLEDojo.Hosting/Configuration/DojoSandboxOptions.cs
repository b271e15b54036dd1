namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// silo.config.json's "sandbox" section: how agent code is isolated and the limits it runs under. Defaults apply to
/// every run; "competitions" overrides them per competition; an episode may ask for its own memory, CPU and GPU
/// memory; the max* keys bound all of them (nothing a client sends can exceed them).
/// </summary>
public sealed class DojoSandboxOptions
{
    /// <summary>When bubblewrap or cgroups are missing: false (default) refuses to run code; true runs it UNISOLATED, for development only.</summary>
    public bool AllowUnisolated { get; set; }
    /// <summary>
    /// The unprivileged host user agent code runs as (65534: Debian's nobody/nogroup). The silo starts the sandbox by
    /// this uid's name, so it needs an entry in the user database whose primary group is <see cref="Gid"/> and no other
    /// group; the sandbox refuses to start otherwise, saying which.
    /// </summary>
    public int Uid { get; set; } = 65534;
    public int Gid { get; set; } = 65534;
    public string Bubblewrap { get; set; } = "/usr/bin/bwrap";
    /// <summary>Libraries for a bubblewrap unpacked from its .deb on a host without it (LD_LIBRARY_PATH for bwrap only).</summary>
    public string? BubblewrapLibraryPath { get; set; }
    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";
    /// <summary>Host paths made visible read-only inside, besides /usr and a few /etc files (e.g. a virtualenv outside /usr).</summary>
    public List<string> ExtraReadOnlyPaths { get; set; } = [];
    public int MemoryMb { get; set; } = 4096;
    public int MaxMemoryMb { get; set; } = 65536;
    public double Cpus { get; set; } = 2;
    public double MaxCpus { get; set; } = Environment.ProcessorCount;
    public int MaxProcesses { get; set; } = 256;
    public int TmpMb { get; set; } = 1024;
    /// <summary>GPU memory cap per GPU execution (0: none), enforced through NVML.</summary>
    public int GpuMemoryMb { get; set; }
    public int MaxGpuMemoryMb { get; set; } = 1024 * 1024;
    /// <summary>Bytes one execution may add to its output directory (also each file's size limit).</summary>
    public int MaxOutputDirectoryMb { get; set; } = 8192;
    /// <summary>Bytes stdout or stderr may carry before the run is stopped as output too large.</summary>
    public int MaxStreamMb { get; set; } = 64;
    public Dictionary<string, DojoCompetitionLimits> Competitions { get; set; } = [];
}

/// <summary>One competition's sandbox limits; unset keys keep the server's defaults.</summary>
public sealed class DojoCompetitionLimits
{
    public int? MemoryMb { get; set; }
    public double? Cpus { get; set; }
    public int? MaxProcesses { get; set; }
    public int? TmpMb { get; set; }
    public int? GpuMemoryMb { get; set; }
}

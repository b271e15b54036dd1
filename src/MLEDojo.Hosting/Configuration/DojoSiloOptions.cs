namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// A silo's configuration, as in silo.config.json (overridable by DOJO_* environment variables and the command
/// line). Load it with <see cref="DojoConfiguration.Load"/>, which resolves relative paths and validates.
/// </summary>
public sealed class DojoSiloOptions
{
    /// <summary>"embedded": localhost clustering on this machine. "external": the host configures clustering (test clusters).</summary>
    public string Profile { get; set; } = DojoProfiles.Embedded;
    public string ClusterId { get; set; } = "mledojo-dev";
    public string ServiceId { get; set; } = "mledojo";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string CompetitionsRoot { get; set; } = "data/competitions";
    public string EpisodesRoot { get; set; } = ".dojo/episodes";
    public DojoStorageOptions Storage { get; set; } = new();
    public DojoDevicesOptions Devices { get; set; } = new();
    public DojoLimitsOptions Limits { get; set; } = new();
    public DojoEpisodesOptions Episodes { get; set; } = new();
    /// <summary>The folder creators' competitions are registered from (gateway: a server directory, or an upload unpacked here).</summary>
    public string CompetitionImportRoot { get; set; } = ".dojo/imports";
    public string Python { get; set; } = "/usr/bin/python3";
}

public static class DojoProfiles
{
    public const string Embedded = "embedded";
    public const string External = "external";
}

public sealed class DojoStorageOptions
{
    public string Provider { get; set; } = "sqlite";
    public string ConnectionString { get; set; } = "Data Source=.dojo/grid.db";
}

public sealed class DojoDevicesOptions
{
    /// <summary>This silo's node id (silo metadata node.id); "auto" = the machine name.</summary>
    public string Node { get; set; } = "auto";
    /// <summary>"auto" (nvidia-smi -L; none when absent), "none", "fake:N", or GPU indices ("0,1" or a JSON list).</summary>
    public string Gpus { get; set; } = "auto";
}

public sealed class DojoLimitsOptions
{
    public int CpuExecutionSlots { get; set; } = 2;
    public int MaxSteps { get; set; } = 500;
    public int MaxExecutionTimeoutSeconds { get; set; } = 14400;
    public int MaxEpisodeTimeBudgetSeconds { get; set; } = 172800;
    public long MaxSubmissionBytes { get; set; } = 512L * 1024 * 1024;
    public int MaxCapturedOutputBytes { get; set; } = 65536;
}

/// <summary>When running episodes expire (their files are removed and later steps refused; state and history stay).</summary>
public sealed class DojoEpisodesOptions
{
    /// <summary>An episode with no reset or step for this long expires.</summary>
    public int IdleTtlSeconds { get; set; } = 86400;
    /// <summary>An episode expires this long after its reset, however active.</summary>
    public int MaxLifetimeSeconds { get; set; } = 604800;
    /// <summary>How often each running episode's reminder checks its deadline (the expiry's precision).</summary>
    public int ExpiryCheckSeconds { get; set; } = 60;
}

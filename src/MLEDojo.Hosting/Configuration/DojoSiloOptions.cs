namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// A silo's configuration, as in silo.config.json (overridable by DOJO_* environment variables and the command
/// line). Load it with <see cref="DojoConfiguration.Load"/>, which resolves relative paths and validates.
/// </summary>
public sealed class DojoSiloOptions
{
    /// <summary>
    /// "embedded": localhost clustering on this machine. "cluster": membership, grain state and reminders in the
    /// PostgreSQL database of storage.connectionString, silos reachable at advertisedAddress. "external": the host
    /// configures clustering (test clusters).
    /// </summary>
    public string Profile { get; set; } = DojoProfiles.Embedded;
    public string ClusterId { get; set; } = "mledojo-dev";
    public string ServiceId { get; set; } = "mledojo";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Cluster profile: the IP address other silos and clients reach this silo at; "" = this host's first non-loopback IPv4 address.</summary>
    public string AdvertisedAddress { get; set; } = "";
    public string CompetitionsRoot { get; set; } = "data/competitions";
    public string EpisodesRoot { get; set; } = ".dojo/episodes";
    public DojoStorageOptions Storage { get; set; } = new();
    public DojoDevicesOptions Devices { get; set; } = new();
    public DojoLimitsOptions Limits { get; set; } = new();
    public DojoSandboxOptions Sandbox { get; set; } = new();
    public DojoLeaderboardOptions Leaderboards { get; set; } = new();
    public DojoMetricsOptions Metrics { get; set; } = new();
    /// <summary>
    /// The gateway's API keys and episode owners: a SQLite connection string ("Data Source=FILE") or a PostgreSQL one
    /// ("Host=...;Database=..."). "" = the grid's own storage: its SQLite file, or, in a cluster, its PostgreSQL
    /// database, which every gateway process then shares (keys minted or revoked through one count on all).
    /// </summary>
    public string GatewayKeyStore { get; set; } = "";

    /// <summary>Where the gateway keeps its keys: gatewayKeyStore, else the grid's storage.</summary>
    public GatewayKeyStoreLocation GatewayKeyStoreLocation() =>
        GatewayKeyStore.Length == 0 ? new(Storage.Provider, Storage.ConnectionString)
        : new(DojoSiloOptionsValidator.IsSqliteFile(GatewayKeyStore) ? DojoStorageProviders.Sqlite : DojoStorageProviders.PostgreSql, GatewayKeyStore);
    /// <summary>The Orleans Dashboard (admin keys only, at /dashboard on the gateway's web host).</summary>
    public DojoDashboardOptions Dashboard { get; set; } = new();
    /// <summary>Orleans' Kubernetes hosting for cluster-profile silos in pods.</summary>
    public DojoKubernetesOptions Kubernetes { get; set; } = new();
    public DojoEpisodesOptions Episodes { get; set; } = new();
    /// <summary>The folder creators' competitions are registered from (gateway: a server directory, or an upload unpacked here).</summary>
    public string CompetitionImportRoot { get; set; } = ".dojo/imports";
    public string Python { get; set; } = "/usr/bin/python3";
    /// <summary>The arena's limits (silo.config.json's "arena" section).</summary>
    public DojoArenaOptions Arena { get; set; } = new();
}

public static class DojoProfiles
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";
    public const string External = "external";
}

public static class DojoStorageProviders
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
}

/// <summary>The key store's database: provider ("sqlite" or "postgresql") and connection string.</summary>
public sealed record GatewayKeyStoreLocation(string Provider, string ConnectionString);

public sealed class DojoStorageOptions
{
    /// <summary>"sqlite" (one machine) or "postgresql" (required by the cluster profile).</summary>
    public string Provider { get; set; } = DojoStorageProviders.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=.dojo/grid.db";
    /// <summary>
    /// PostgreSQL: whether each silo applies the schema at start (idempotent). Turn it off when the silos' role may
    /// not create tables, and run `dojo db init` with an owner's connection instead. SQLite always creates it.
    /// </summary>
    public bool InitializeSchema { get; set; } = true;
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

public sealed class DojoLeaderboardOptions
{
    /// <summary>How often each competition snapshots its live leaderboard (a reminder); 0 turns snapshots off.</summary>
    public int SnapshotPeriodSeconds { get; set; } = 300;
    /// <summary>Snapshots a competition keeps, oldest dropped first.</summary>
    public int SnapshotsKept { get; set; } = 48;
    /// <summary>Entries per snapshot (the top of the board).</summary>
    public int SnapshotTop { get; set; } = 20;
}

public sealed class DojoMetricsOptions
{
    /// <summary>Serve the grid's and Orleans' metrics for Prometheus at http://*:port/metrics; 0 turns it off.</summary>
    public int PrometheusPort { get; set; }
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

public sealed class DojoDashboardOptions
{
    /// <summary>
    /// Every silo collects the dashboard's statistics (a grain-call filter and a grain service) and the gateway serves
    /// the Orleans Dashboard at /dashboard to admin keys. Off: neither.
    /// </summary>
    public bool Enabled { get; set; } = true;
}

public static class DojoKubernetesHostingModes
{
    /// <summary>On when the process runs in a pod (Kubernetes sets KUBERNETES_SERVICE_HOST in every container).</summary>
    public const string Auto = "auto";
    public const string On = "on";
    public const string Off = "off";
}

public sealed class DojoKubernetesOptions
{
    /// <summary>
    /// Cluster profile: "auto" (in a pod), "on" or "off". Orleans' Kubernetes hosting names the silo after its pod,
    /// labels the pod with the service and cluster ids, and declares a silo dead as soon as its pod is deleted.
    /// </summary>
    public string Hosting { get; set; } = DojoKubernetesHostingModes.Auto;
}

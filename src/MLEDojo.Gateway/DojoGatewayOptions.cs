namespace MLEDojo.Gateway;

public sealed class DojoGatewayOptions
{
    /// <summary>The largest HTTP body or WebSocket message accepted; larger ones are answered with an error and discarded.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The connection string of the API key store (the grid's database). Required unless <see cref="InsecureNoAuth"/>.</summary>
    public string? KeyStoreConnectionString { get; set; }

    /// <summary>The key store's database: a SQLite file (the default) or a PostgreSQL database that several gateways share.</summary>
    public Auth.ApiKeyStoreProvider KeyStoreProvider { get; set; } = Auth.ApiKeyStoreProvider.Sqlite;

    /// <summary>
    /// Serve the Orleans Dashboard at <see cref="Endpoints.DashboardEndpoints.Path"/> to admin keys. The host must have
    /// added the dashboard's services (AddDashboard on its silo or Orleans client).
    /// </summary>
    public bool ServeDashboard { get; set; }

    /// <summary>Serves everyone without a key, as the operator: for a developer's own machine only.</summary>
    public bool InsecureNoAuth { get; set; }

    /// <summary>Episodes one key may have open (reset and neither done nor closed) at once.</summary>
    public int MaxOpenEpisodesPerKey { get; set; } = 64;

    /// <summary>execute_code steps one key may start in any minute, counted by each gateway process on its own.</summary>
    public int ExecutionsPerMinutePerKey { get; set; } = 120;

    /// <summary>Code-running steps (execute_code, validate_code) in flight through this process past which new episodes get 503 / CAPACITY_REACHED.</summary>
    public int MaxInFlightExecutions { get; set; } = 512;

    /// <summary>CPU executions waiting per CPU slot, across the grid's silos, past which new CPU episodes get 503 / CAPACITY_REACHED.</summary>
    public int MaxQueuedExecutionsPerCpuSlot { get; set; } = 8;

    /// <summary>Executions queued on the least busy GPU past which new GPU episodes get 503 / CAPACITY_REACHED.</summary>
    public int MaxQueuedExecutionsPerGpu { get; set; } = 8;

    /// <summary>
    /// The grid's import root (silo.config.json's competitionImportRoot): creators register competitions from folders
    /// under it, and uploaded archives are unpacked in its .uploads folder. Null: registration is refused.
    /// </summary>
    public string? CompetitionImportRoot { get; set; }

    /// <summary>The largest competition archive accepted by POST /api/competitions/{name}/archive.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>What an uploaded archive may unpack to.</summary>
    public MLEDojo.Competitions.Import.ArchiveLimits Archive { get; set; } = new();

    /// <summary>What protects the gateway, as /health reports it.</summary>
    public string AuthDescription => InsecureNoAuth ? "disabled (--insecure-no-auth)" : "api keys (Authorization: Bearer mlk_...)";
}

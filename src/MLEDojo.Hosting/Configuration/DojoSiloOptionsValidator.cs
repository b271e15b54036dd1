using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MLEDojo.Hosting.Configuration;

/// <summary>Checks <see cref="DojoSiloOptions"/>; each problem names its key (as written in silo.config.json) and what is allowed.</summary>
public static class DojoSiloOptionsValidator
{
    public static IReadOnlyList<string> Problems(DojoSiloOptions options)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }

        Check(options.Profile is DojoProfiles.Embedded or DojoProfiles.Cluster or DojoProfiles.External,
            $"profile: '{options.Profile}' is not a profile; use \"{DojoProfiles.Embedded}\" (localhost clustering), \"{DojoProfiles.Cluster}\" (PostgreSQL clustering) or \"{DojoProfiles.External}\" (the host configures clustering).");
        Check(!string.IsNullOrWhiteSpace(options.ClusterId), "clusterId: must not be empty.");
        Check(!string.IsNullOrWhiteSpace(options.ServiceId), "serviceId: must not be empty.");
        Check(options.SiloPort is > 0 and <= 65535, $"siloPort: {options.SiloPort} is not a TCP port (1-65535).");
        Check(options.GatewayPort is > 0 and <= 65535, $"gatewayPort: {options.GatewayPort} is not a TCP port (1-65535).");
        Check(options.SiloPort != options.GatewayPort, $"gatewayPort: must differ from siloPort ({options.SiloPort}).");
        Check(Directory.Exists(options.CompetitionsRoot), $"competitionsRoot: folder '{options.CompetitionsRoot}' does not exist.");
        Check(!string.IsNullOrWhiteSpace(options.EpisodesRoot), "episodesRoot: must not be empty.");

        Check(options.AdvertisedAddress.Length == 0 || IPAddress.TryParse(options.AdvertisedAddress, out _),
            $"advertisedAddress: '{options.AdvertisedAddress}' is not an IP address (leave it empty for this host's first non-loopback IPv4 address).");

        var provider = options.Storage.Provider;
        if (provider == DojoStorageProviders.Sqlite)
            Check(IsSqliteFile(options.Storage.ConnectionString),
                $"storage.connectionString: '{options.Storage.ConnectionString}' is not a SQLite connection string naming a file (e.g. \"Data Source=.dojo/grid.db\").");
        else if (provider == DojoStorageProviders.PostgreSql)
        {
            if (PostgreSqlConnectionProblem(options.Storage.ConnectionString) is { } problem) problems.Add("storage.connectionString: " + problem);
        }
        else
            problems.Add($"storage.provider: '{provider}' is not supported; use \"{DojoStorageProviders.Sqlite}\" or \"{DojoStorageProviders.PostgreSql}\".");
        Check(options.GatewayKeyStore.Length == 0 || IsSqliteFile(options.GatewayKeyStore) || PostgreSqlConnectionProblem(options.GatewayKeyStore) is null,
            $"gatewayKeyStore: '{options.GatewayKeyStore}' is neither a SQLite connection string naming a file (e.g. \"Data Source=/var/lib/mledojo/keys.db\") nor a PostgreSQL one (\"Host=...;Database=...\"); leave it empty to use the grid's storage.");
        Check(options.Kubernetes.Hosting is DojoKubernetesHostingModes.Auto or DojoKubernetesHostingModes.On or DojoKubernetesHostingModes.Off,
            $"kubernetes.hosting: '{options.Kubernetes.Hosting}' is not \"{DojoKubernetesHostingModes.Auto}\" (in a pod), \"{DojoKubernetesHostingModes.On}\" or \"{DojoKubernetesHostingModes.Off}\".");
        Check(options.Kubernetes.Hosting != DojoKubernetesHostingModes.On || options.Profile == DojoProfiles.Cluster,
            $"kubernetes.hosting: \"on\" needs the cluster profile (it is '{options.Profile}'): Kubernetes hosting watches the pods of a PostgreSQL-clustered grid.");
        Check(options.Profile != DojoProfiles.Cluster || provider == DojoStorageProviders.PostgreSql,
            $"storage.provider: the cluster profile keeps membership, state and reminders in PostgreSQL; set it to \"{DojoStorageProviders.PostgreSql}\" (it is '{provider}').");

        Check(!string.IsNullOrWhiteSpace(options.Devices.Node), "devices.node: must not be empty (\"auto\" = the machine name).");
        if (options.Devices.Node.Contains('/')) problems.Add($"devices.node: '{options.Devices.Node}' must not contain '/' (device keys are \"node/index\").");
        if (GpuDiscovery.Problem(options.Devices.Gpus) is { } gpus) problems.Add("devices.gpus: " + gpus);

        var limits = options.Limits;
        Check(limits.CpuExecutionSlots is >= 1 and <= 1024, $"limits.cpuExecutionSlots: {limits.CpuExecutionSlots} must be between 1 and 1024.");
        Check(limits.MaxSteps >= 1, $"limits.maxSteps: {limits.MaxSteps} must be at least 1.");
        Check(limits.MaxExecutionTimeoutSeconds >= 1, $"limits.maxExecutionTimeoutSeconds: {limits.MaxExecutionTimeoutSeconds} must be at least 1.");
        Check(limits.MaxEpisodeTimeBudgetSeconds >= 1, $"limits.maxEpisodeTimeBudgetSeconds: {limits.MaxEpisodeTimeBudgetSeconds} must be at least 1.");
        Check(limits.MaxSubmissionBytes >= 1, $"limits.maxSubmissionBytes: {limits.MaxSubmissionBytes} must be at least 1.");
        Check(limits.MaxCapturedOutputBytes >= 1024, $"limits.maxCapturedOutputBytes: {limits.MaxCapturedOutputBytes} must be at least 1024.");
        Check(options.Episodes.IdleTtlSeconds >= 1, $"episodes.idleTtlSeconds: {options.Episodes.IdleTtlSeconds} must be at least 1.");
        Check(options.Episodes.MaxLifetimeSeconds >= 1, $"episodes.maxLifetimeSeconds: {options.Episodes.MaxLifetimeSeconds} must be at least 1.");
        Check(options.Episodes.ExpiryCheckSeconds is >= 1 and <= 86400, $"episodes.expiryCheckSeconds: {options.Episodes.ExpiryCheckSeconds} must be between 1 and 86400.");
        Check(!string.IsNullOrWhiteSpace(options.CompetitionImportRoot), "competitionImportRoot: must not be empty.");
        Check(!string.IsNullOrWhiteSpace(options.Python), "python: must name the interpreter (e.g. /usr/bin/python3).");

        Check(options.Metrics.PrometheusPort is >= 0 and <= 65535, $"metrics.prometheusPort: {options.Metrics.PrometheusPort} is not 0 (off) or a TCP port.");
        var boards = options.Leaderboards;
        Check(boards.SnapshotPeriodSeconds >= 0, $"leaderboards.snapshotPeriodSeconds: {boards.SnapshotPeriodSeconds} must be 0 (off) or more.");
        Check(boards.SnapshotsKept is >= 1 and <= 10000, $"leaderboards.snapshotsKept: {boards.SnapshotsKept} must be between 1 and 10000.");
        Check(boards.SnapshotTop is >= 1 and <= 1000, $"leaderboards.snapshotTop: {boards.SnapshotTop} must be between 1 and 1000.");
        SandboxProblems(options.Sandbox, problems);
        DojoArenaOptionsValidator.AddProblems(options, problems);
        return problems;
    }

    private static void SandboxProblems(DojoSandboxOptions sandbox, List<string> problems)
    {
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }
        Check(sandbox.Uid > 0 && sandbox.Gid > 0, $"sandbox.uid/gid: {sandbox.Uid}/{sandbox.Gid} must name an unprivileged user (not 0).");
        Check(sandbox.MaxMemoryMb >= 16, $"sandbox.maxMemoryMb: {sandbox.MaxMemoryMb} must be at least 16.");
        Check(sandbox.MemoryMb >= 16 && sandbox.MemoryMb <= sandbox.MaxMemoryMb, $"sandbox.memoryMb: {sandbox.MemoryMb} must be between 16 and sandbox.maxMemoryMb ({sandbox.MaxMemoryMb}).");
        Check(sandbox.MaxCpus > 0, $"sandbox.maxCpus: {sandbox.MaxCpus} must be positive.");
        Check(sandbox.Cpus > 0 && sandbox.Cpus <= sandbox.MaxCpus, $"sandbox.cpus: {sandbox.Cpus} must be positive and at most sandbox.maxCpus ({sandbox.MaxCpus}).");
        Check(sandbox.MaxProcesses >= 8, $"sandbox.maxProcesses: {sandbox.MaxProcesses} must be at least 8.");
        Check(sandbox.TmpMb >= 1, $"sandbox.tmpMb: {sandbox.TmpMb} must be at least 1.");
        Check(sandbox.GpuMemoryMb >= 0 && sandbox.GpuMemoryMb <= sandbox.MaxGpuMemoryMb, $"sandbox.gpuMemoryMb: {sandbox.GpuMemoryMb} must be between 0 (no cap) and sandbox.maxGpuMemoryMb ({sandbox.MaxGpuMemoryMb}).");
        Check(sandbox.MaxOutputDirectoryMb >= 1, $"sandbox.maxOutputDirectoryMb: {sandbox.MaxOutputDirectoryMb} must be at least 1.");
        Check(sandbox.MaxStreamMb >= 1, $"sandbox.maxStreamMb: {sandbox.MaxStreamMb} must be at least 1.");
        foreach (var (name, limits) in sandbox.Competitions)
        {
            Check(limits.MemoryMb is null or >= 16 && limits.MemoryMb <= sandbox.MaxMemoryMb, $"sandbox.competitions.{name}.memoryMb: {limits.MemoryMb} must be between 16 and sandbox.maxMemoryMb ({sandbox.MaxMemoryMb}).");
            Check(limits.Cpus is null || (limits.Cpus > 0 && limits.Cpus <= sandbox.MaxCpus), $"sandbox.competitions.{name}.cpus: {limits.Cpus} must be positive and at most sandbox.maxCpus ({sandbox.MaxCpus}).");
            Check(limits.MaxProcesses is null or >= 8, $"sandbox.competitions.{name}.maxProcesses: {limits.MaxProcesses} must be at least 8.");
            Check(limits.TmpMb is null or >= 1, $"sandbox.competitions.{name}.tmpMb: {limits.TmpMb} must be at least 1.");
            Check(limits.GpuMemoryMb is null || (limits.GpuMemoryMb >= 1 && limits.GpuMemoryMb <= sandbox.MaxGpuMemoryMb), $"sandbox.competitions.{name}.gpuMemoryMb: {limits.GpuMemoryMb} must be between 1 and sandbox.maxGpuMemoryMb ({sandbox.MaxGpuMemoryMb}).");
        }
    }

    /// <summary>Why <paramref name="connectionString"/> is not a usable Npgsql connection string, or null.</summary>
    public static string? PostgreSqlConnectionProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host)) return "a PostgreSQL connection string needs Host (e.g. \"Host=127.0.0.1;Port=5432;Database=mledojo;Username=mledojo;Password=...\").";
            if (string.IsNullOrWhiteSpace(builder.Database)) return "a PostgreSQL connection string needs Database.";
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            return $"not a PostgreSQL connection string: {e.Message}";
        }
    }

    /// <summary>Whether <paramref name="connectionString"/> is a SQLite connection string naming a file (a PostgreSQL one's keywords are refused by SQLite's parser).</summary>
    public static bool IsSqliteFile(string connectionString)
    {
        try
        {
            var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
            return source.Length > 0 && source != ":memory:";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }
}

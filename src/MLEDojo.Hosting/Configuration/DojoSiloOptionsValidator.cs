using Microsoft.Data.Sqlite;

namespace MLEDojo.Hosting.Configuration;

/// <summary>Checks <see cref="DojoSiloOptions"/>; each problem names its key (as written in silo.config.json) and what is allowed.</summary>
public static class DojoSiloOptionsValidator
{
    public static IReadOnlyList<string> Problems(DojoSiloOptions options)
    {
        var problems = new List<string>();
        void Check(bool ok, string problem) { if (!ok) problems.Add(problem); }

        Check(options.Profile is DojoProfiles.Embedded or DojoProfiles.External,
            $"profile: '{options.Profile}' is not a profile; use \"{DojoProfiles.Embedded}\" (localhost clustering) or \"{DojoProfiles.External}\" (the host configures clustering).");
        Check(!string.IsNullOrWhiteSpace(options.ClusterId), "clusterId: must not be empty.");
        Check(!string.IsNullOrWhiteSpace(options.ServiceId), "serviceId: must not be empty.");
        Check(options.SiloPort is > 0 and <= 65535, $"siloPort: {options.SiloPort} is not a TCP port (1-65535).");
        Check(options.GatewayPort is > 0 and <= 65535, $"gatewayPort: {options.GatewayPort} is not a TCP port (1-65535).");
        Check(options.SiloPort != options.GatewayPort, $"gatewayPort: must differ from siloPort ({options.SiloPort}).");
        Check(Directory.Exists(options.CompetitionsRoot), $"competitionsRoot: folder '{options.CompetitionsRoot}' does not exist.");
        Check(!string.IsNullOrWhiteSpace(options.EpisodesRoot), "episodesRoot: must not be empty.");

        Check(options.Storage.Provider == "sqlite", $"storage.provider: '{options.Storage.Provider}' is not supported; use \"sqlite\".");
        Check(IsSqliteFile(options.Storage.ConnectionString),
            $"storage.connectionString: '{options.Storage.ConnectionString}' is not a SQLite connection string naming a file (e.g. \"Data Source=.dojo/grid.db\").");

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
        return problems;
    }

    private static bool IsSqliteFile(string connectionString)
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

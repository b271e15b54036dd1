using MLEDojo.Grains;

namespace MLEDojo.Hosting.Configuration;

/// <summary>What the grains see of a silo's configuration: resolved node id and GPU indices, limits as time spans.</summary>
public static class GridOptionsFactory
{
    public static GridOptions Create(DojoSiloOptions options) => new()
    {
        CompetitionsRoot = options.CompetitionsRoot,
        EpisodesRoot = options.EpisodesRoot,
        NodeId = options.Devices.Node == "auto" ? Environment.MachineName : options.Devices.Node,
        GpuIndices = GpuDiscovery.Resolve(options.Devices.Gpus),
        Limits = new GridLimits
        {
            CpuExecutionSlots = options.Limits.CpuExecutionSlots,
            MaxSteps = options.Limits.MaxSteps,
            MaxExecutionTimeout = TimeSpan.FromSeconds(options.Limits.MaxExecutionTimeoutSeconds),
            MaxEpisodeTimeBudget = TimeSpan.FromSeconds(options.Limits.MaxEpisodeTimeBudgetSeconds),
            MaxSubmissionBytes = options.Limits.MaxSubmissionBytes,
            MaxCapturedOutputBytes = options.Limits.MaxCapturedOutputBytes,
        },
        CompetitionImportRoot = options.CompetitionImportRoot,
        Expiry = new EpisodeExpiry
        {
            IdleTtl = TimeSpan.FromSeconds(options.Episodes.IdleTtlSeconds),
            MaxLifetime = TimeSpan.FromSeconds(options.Episodes.MaxLifetimeSeconds),
            CheckPeriod = TimeSpan.FromSeconds(options.Episodes.ExpiryCheckSeconds),
        },
    };
}

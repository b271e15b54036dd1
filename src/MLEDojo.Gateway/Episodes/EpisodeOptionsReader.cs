using MLEDojo.Abstractions;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Gateway.Episodes;

/// <summary>Wire options to <see cref="EpisodeOptions"/>; the grain then checks them against the silo's maxima.</summary>
internal static class EpisodeOptionsReader
{
    public static EpisodeOptions Read(ResetRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Competition))
            throw GatewayError.Validation("competition is required (a competition name, e.g. \"spaceship-titanic\").", "$.competition");
        if (request.Seed is < 0)
            throw GatewayError.Validation($"seed must be >= 0; got {request.Seed}.", "$.seed");

        var wire = request.Options ?? new ResetOptions();
        // The grid enforces no per-episode memory caps yet; accepting them silently would promise a limit that does not hold.
        if (wire.MemoryLimitMb is not null)
            throw GatewayError.Validation("Option memory_limit_mb is not supported by this server.", "$.options.memory_limit_mb");
        if (wire.GpuMemoryLimitMb is not null)
            throw GatewayError.Validation("Option gpu_memory_limit_mb is not supported by this server.", "$.options.gpu_memory_limit_mb");

        var defaults = new EpisodeOptions { Competition = request.Competition };
        return defaults with
        {
            MaxSteps = wire.MaxSteps ?? defaults.MaxSteps,
            ExecutionTimeout = Seconds(wire.ExecutionTimeoutS, "execution_timeout_s") ?? defaults.ExecutionTimeout,
            EpisodeTimeBudget = Seconds(wire.EpisodeTimeBudgetS, "episode_time_budget_s") ?? defaults.EpisodeTimeBudget,
            ScoreMode = wire.ScoreMode ?? defaults.ScoreMode,
            RewardMode = wire.RewardMode ?? defaults.RewardMode,
            ResourceClass = wire.ResourceClass ?? defaults.ResourceClass,
            AgentName = wire.AgentName ?? defaults.AgentName,
            Seed = request.Seed,
        };
    }

    private static TimeSpan? Seconds(double? seconds, string name) => seconds switch
    {
        null => null,
        > 0 and < 1e9 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw GatewayError.Validation($"Option {name} must be a positive number of seconds; got {seconds}.", "$.options." + name),
    };
}

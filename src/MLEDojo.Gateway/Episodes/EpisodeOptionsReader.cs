using MLEDojo.Abstractions;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Gateway.Episodes;

/// <summary>Wire options to <see cref="EpisodeOptions"/>; the grain then checks them against the silo's maxima.</summary>
internal static class EpisodeOptionsReader
{
    private const string MleEnv = "mle", DataSelectEnv = "data-select";

    /// <summary>The environment kind a reset asks for ("mle" when it names none).</summary>
    public static EnvironmentKind Env(ResetRequest request) => request.Env switch
    {
        null or MleEnv => EnvironmentKind.Mle,
        DataSelectEnv => EnvironmentKind.DataSelect,
        var other => throw GatewayError.Validation($"Unknown env '{other}'; one of \"{MleEnv}\", \"{DataSelectEnv}\".", "$.env"),
    };

    public static EpisodeOptions Read(ResetRequest request)
    {
        if (Env(request) == EnvironmentKind.DataSelect) return DataSelectOptionsReader.Read(request);
        if (request.TaskId is not null)
            throw GatewayError.Validation("task_id belongs to env \"data-select\"; an mle episode names a competition.", "$.task_id");
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

    /// <summary>A resume may repeat what the episode is on, never change it.</summary>
    public static void CheckResumable(string episodeId, EpisodeOptions options, ResetRequest request)
    {
        if (request.Env is not null && Env(request) != options.Env)
            throw GatewayError.Validation($"Episode '{episodeId}' is {Describe(options)}, not env '{request.Env}'; use a new episode id.", "$.env");
        if (request.Competition is { } competition && (options.Env != EnvironmentKind.Mle || competition != options.Competition))
            throw GatewayError.Validation($"Episode '{episodeId}' is on {Describe(options)}, not competition '{competition}'; use a new episode id.", "$.competition");
        if (request.TaskId is { } task && (options.Env != EnvironmentKind.DataSelect || task != options.TaskId))
            throw GatewayError.Validation($"Episode '{episodeId}' is on {Describe(options)}, not data-select task '{task}'; use a new episode id.", "$.task_id");
    }

    /// <summary>What an episode plays, in words: "competition X" or "data-select task Y".</summary>
    public static string Describe(EpisodeOptions options) =>
        options.Env == EnvironmentKind.DataSelect ? $"data-select task '{options.TaskId}'" : $"competition '{options.Competition}'";

    internal static TimeSpan? Seconds(double? seconds, string name) => seconds switch
    {
        null => null,
        > 0 and < 1e9 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw GatewayError.Validation($"Option {name} must be a positive number of seconds; got {seconds}.", "$.options." + name),
    };
}

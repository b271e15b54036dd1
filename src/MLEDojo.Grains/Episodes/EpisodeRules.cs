using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Episodes;

/// <summary>Checks an episode's requested options against the silo's maxima; null when they are acceptable.</summary>
internal static class EpisodeRules
{
    public static string? Problem(EpisodeOptions options, GridLimits limits)
    {
        if (string.IsNullOrWhiteSpace(options.Competition))
            return "Options.Competition is required (a competition name under the competitions root).";
        if (options.MaxSteps < 1 || options.MaxSteps > limits.MaxSteps)
            return $"Options.MaxSteps must be between 1 and {limits.MaxSteps} (this silo's limits.maxSteps); got {options.MaxSteps}.";
        if (options.ExecutionTimeout <= TimeSpan.Zero || options.ExecutionTimeout > limits.MaxExecutionTimeout)
            return $"Options.ExecutionTimeout must be positive and at most {limits.MaxExecutionTimeout} (limits.maxExecutionTimeoutSeconds); got {options.ExecutionTimeout}.";
        if (options.EpisodeTimeBudget <= TimeSpan.Zero || options.EpisodeTimeBudget > limits.MaxEpisodeTimeBudget)
            return $"Options.EpisodeTimeBudget must be positive and at most {limits.MaxEpisodeTimeBudget} (limits.maxEpisodeTimeBudgetSeconds); got {options.EpisodeTimeBudget}.";
        if (options.MemoryMb is { } memory && (memory < 16 || memory > limits.MaxMemoryMb))
            return $"Options.MemoryMb must be between 16 and {limits.MaxMemoryMb} (this silo's sandbox.maxMemoryMb); got {memory}.";
        if (options.Cpus is { } cpus && (!(cpus > 0) || cpus > limits.MaxCpus))
            return $"Options.Cpus must be positive and at most {limits.MaxCpus} (sandbox.maxCpus); got {cpus}.";
        if (options.GpuMemoryMb is { } gpuMemory && (gpuMemory < 1 || gpuMemory > limits.MaxGpuMemoryMb))
            return $"Options.GpuMemoryMb must be between 1 and {limits.MaxGpuMemoryMb} (sandbox.maxGpuMemoryMb); got {gpuMemory}.";
        if (string.IsNullOrWhiteSpace(options.AgentName))
            return "Options.AgentName must not be empty.";
        return null;
    }

    /// <summary>An episode id names a folder under the episodes root, so it must not be a path.</summary>
    public static string? EpisodeIdProblem(string episodeId) =>
        episodeId.Length == 0 || episodeId.Length > 200 || episodeId is "." or ".." || episodeId.IndexOfAny(['/', '\\', '\0']) >= 0
            ? $"Episode id '{episodeId}' cannot name a folder: use 1-200 characters without '/' or '\\'."
            : null;
}

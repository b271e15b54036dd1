namespace MLEDojo.Arena;

/// <summary>The arena's limits: per owner, per submission, and for the grid as a whole.</summary>
public sealed record ArenaOptions
{
    /// <summary>Queued, running and active submissions an owner may hold at once (deleting one frees its slot).</summary>
    public int MaxActiveSubmissionsPerOwner { get; init; } = 5;
    /// <summary>Deploys an owner may make in any 24 hours.</summary>
    public int DailyDeploysPerOwner { get; init; } = 10;
    /// <summary>Submissions evaluated at once on the grid; the rest wait in the queue.</summary>
    public int MaxRunningSubmissions { get; init; } = 4;
    /// <summary>Episodes of one submission played at once.</summary>
    public int EpisodeConcurrency { get; init; } = 2;
    public int MaxEpisodesPerCompetition { get; init; } = 20;
    public int MaxCompetitions { get; init; } = 50;
    public int MaxStepsPerEpisode { get; init; } = 50;
    public int MaxExecutionTimeoutSeconds { get; init; } = 3600;
    /// <summary>Attempts of an episode when the platform fails it (its silo died, the runner could not start); agent and env failures are never retried.</summary>
    public int MaxAttemptsPerEpisode { get; init; } = 3;
    public int MaxScriptBytes { get; init; } = 256 * 1024;
    /// <summary>How long an uploaded agent script may run for one episode.</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromHours(2);
    /// <summary>Memory of an agent script's sandbox (held under the sandbox's maximum).</summary>
    public long ScriptMemoryBytes { get; init; } = 1024L * 1024 * 1024;
    /// <summary>CPU quota of an agent script's sandbox, in cores.</summary>
    public double ScriptCpus { get; init; } = 1;
    /// <summary>Log lines kept per submission (the oldest are dropped past it).</summary>
    public int MaxEvents { get; init; } = 5000;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

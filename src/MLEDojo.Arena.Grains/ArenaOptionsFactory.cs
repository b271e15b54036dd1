using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Arena.Grains;

/// <summary>The arena's options from silo.config.json's "arena" section (validated by <see cref="DojoArenaOptionsValidator"/>).</summary>
public static class ArenaOptionsFactory
{
    private const long Mebibyte = 1024 * 1024;

    public static ArenaOptions Create(DojoSiloOptions options)
    {
        var arena = options.Arena;
        return new ArenaOptions
        {
            MaxActiveSubmissionsPerOwner = arena.MaxActiveSubmissionsPerUser,
            DailyDeploysPerOwner = arena.DailyEvaluationsPerUser,
            MaxEpisodesPerCompetition = arena.MaxEpisodesPerCompetition,
            MaxCompetitions = arena.MaxCompetitionsPerSubmission,
            MaxRunningSubmissions = arena.MaxRunningSubmissions,
            EpisodeConcurrency = arena.EpisodeConcurrency,
            ScriptTimeout = TimeSpan.FromSeconds(arena.ScriptTimeoutSeconds),
            ScriptMemoryBytes = arena.ScriptMemoryMb * Mebibyte,
            ScriptCpus = arena.ScriptCpus,
            MaxScriptBytes = arena.MaxScriptKb * 1024,
            MaxAttemptsPerEpisode = arena.PlatformFailureRetries + 1,
        };
    }
}

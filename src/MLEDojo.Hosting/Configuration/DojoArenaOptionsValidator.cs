using System.Text;

namespace MLEDojo.Hosting.Configuration;

/// <summary>Checks the "arena" section; each problem names its key as written in silo.config.json.</summary>
public static class DojoArenaOptionsValidator
{
    /// <summary>A Unix socket path fits in sun_path: 108 bytes with its terminating zero.</summary>
    private const int MaxSocketPathBytes = 107;

    public static void AddProblems(DojoSiloOptions options, List<string> problems)
    {
        var arena = options.Arena;
        void Between(int value, int min, int max, string key)
        {
            if (value < min || value > max) problems.Add($"arena.{key}: {value} must be between {min} and {max}.");
        }
        Between(arena.MaxActiveSubmissionsPerUser, 1, 10_000, "maxActiveSubmissionsPerUser");
        Between(arena.DailyEvaluationsPerUser, 1, 100_000, "dailyEvaluationsPerUser");
        Between(arena.MaxEpisodesPerCompetition, 1, 10_000, "maxEpisodesPerCompetition");
        Between(arena.MaxCompetitionsPerSubmission, 1, 1_000, "maxCompetitionsPerSubmission");
        Between(arena.MaxRunningSubmissions, 1, 10_000, "maxRunningSubmissions");
        Between(arena.EpisodeConcurrency, 1, 1_000, "episodeConcurrency");
        Between(arena.ScriptTimeoutSeconds, 1, 7 * 86_400, "scriptTimeoutSeconds");
        Between(arena.ScriptMemoryMb, 16, options.Sandbox.MaxMemoryMb, "scriptMemoryMb");
        Between(arena.MaxScriptKb, 1, 64 * 1024, "maxScriptKb");
        Between(arena.PlatformFailureRetries, 0, 10, "platformFailureRetries");
        if (arena.ScriptCpus <= 0 || arena.ScriptCpus > options.Sandbox.MaxCpus)
            problems.Add($"arena.scriptCpus: {arena.ScriptCpus} must be positive and at most sandbox.maxCpus ({options.Sandbox.MaxCpus}).");
        var socket = arena.ScriptSocketPath(options);
        if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPathBytes)
            problems.Add($"arena.scriptSocket: '{socket}' is longer than a Unix socket path may be ({MaxSocketPathBytes} bytes); choose a shorter path.");
    }
}

namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// silo.config.json's "arena" section: what one user may have evaluated, how large a submission may be, the caps an
/// uploaded agent script runs under, and how often the platform's own failures are retried.
/// </summary>
public sealed class DojoArenaOptions
{
    /// <summary>Queued, running and active submissions one user may hold at once (deleting one frees its slot).</summary>
    public int MaxActiveSubmissionsPerUser { get; set; } = 5;
    /// <summary>Deploys (evaluations) one user may start in any 24 hours.</summary>
    public int DailyEvaluationsPerUser { get; set; } = 10;
    public int MaxEpisodesPerCompetition { get; set; } = 20;
    public int MaxCompetitionsPerSubmission { get; set; } = 50;
    /// <summary>Submissions evaluated at once on the grid; the rest wait in the queue.</summary>
    public int MaxRunningSubmissions { get; set; } = 4;
    /// <summary>Episodes of one submission played at once.</summary>
    public int EpisodeConcurrency { get; set; } = 2;
    /// <summary>How long an uploaded agent script may run for one episode.</summary>
    public int ScriptTimeoutSeconds { get; set; } = 7200;
    /// <summary>Memory of an agent script's sandbox (at most sandbox.maxMemoryMb).</summary>
    public int ScriptMemoryMb { get; set; } = 1024;
    /// <summary>CPU quota of an agent script's sandbox, in cores (at most sandbox.maxCpus).</summary>
    public double ScriptCpus { get; set; } = 1;
    public int MaxScriptKb { get; set; } = 256;
    /// <summary>Retries of an episode the platform failed (its silo died, the runner could not start); agent and env failures are never retried.</summary>
    public int PlatformFailureRetries { get; set; } = 2;
    /// <summary>The gateway's Unix socket that agent scripts reach it through; empty: one per silo under the temp folder.</summary>
    public string ScriptSocket { get; set; } = "";

    /// <summary>This silo's script socket: the configured one, else one named after the cluster and the silo port.</summary>
    public string ScriptSocketPath(DojoSiloOptions silo) => ScriptSocket.Length > 0
        ? Path.GetFullPath(ScriptSocket)
        : Path.Combine(Path.GetTempPath(), $"mledojo-{silo.ClusterId}-{silo.SiloPort}.sock");
}

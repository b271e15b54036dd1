namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// Orleans' failure detection (ClusterMembershipOptions), as silo.config.json's "membership" section. Every value is
/// optional: unset keeps Orleans' default. How fast a killed silo is declared dead, and so how soon its episodes
/// step again elsewhere, is about probeTimeoutSeconds × numMissedProbesLimit; shorter also means a silo starved of
/// CPU for that long can be voted dead while alive (it then stops itself), so the cluster profile's values are a
/// trade-off, measured in docs/BENCHMARKS.md (figure 6).
/// </summary>
public sealed class DojoMembershipOptions
{
    /// <summary>The initial liveness probe timeout and period (Orleans: 5 s; it adapts between half and four times this).</summary>
    public double? ProbeTimeoutSeconds { get; set; }

    /// <summary>Probes missed in a row before a silo suspects (votes against) the probed silo (Orleans: 3).</summary>
    public int? NumMissedProbesLimit { get; set; }

    /// <summary>Unexpired suspicions needed to declare a silo dead (Orleans: 2).</summary>
    public int? NumVotesForDeathDeclaration { get; set; }

    /// <summary>How long a suspicion counts towards the votes (Orleans: 120 s).</summary>
    public double? DeathVoteExpirationSeconds { get; set; }

    /// <summary>How often a silo re-reads the membership table besides gossip (Orleans: 60 s).</summary>
    public double? TableRefreshSeconds { get; set; }

    /// <summary>How often a silo writes its heartbeat into the membership table (Orleans: 30 s).</summary>
    public double? IAmAlivePublishSeconds { get; set; }

    /// <summary>The problems of these values, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Positive(double? value, string key, double most)
        {
            if (value is { } v && (!double.IsFinite(v) || v <= 0 || v > most))
                problems.Add($"membership.{key}: {v} must be more than 0 and at most {most}.");
        }
        Positive(ProbeTimeoutSeconds, "probeTimeoutSeconds", 600);
        Positive(DeathVoteExpirationSeconds, "deathVoteExpirationSeconds", 3600);
        Positive(TableRefreshSeconds, "tableRefreshSeconds", 3600);
        Positive(IAmAlivePublishSeconds, "iAmAlivePublishSeconds", 3600);
        if (NumMissedProbesLimit is { } missed && missed is < 1 or > 100)
            problems.Add($"membership.numMissedProbesLimit: {missed} must be between 1 and 100.");
        if (NumVotesForDeathDeclaration is { } votes && votes is < 1 or > 100)
            problems.Add($"membership.numVotesForDeathDeclaration: {votes} must be between 1 and 100.");
        // A first suspicion must still count when the last voter's own probes have missed, or no silo is ever declared dead.
        if (problems.Count == 0 && DeathVoteExpirationSeconds is { } expiry && expiry <= SuspicionAfter().TotalSeconds)
            problems.Add($"membership.deathVoteExpirationSeconds: {expiry} must exceed probeTimeoutSeconds × numMissedProbesLimit " +
                $"({SuspicionAfter().TotalSeconds} s), or suspicions expire before enough of them meet.");
        return problems;
    }

    /// <summary>
    /// The configured detection bound: a silo suspects a dead peer after this many probe periods without an answer
    /// (Orleans' defaults where unset). The second vote arrives about as soon, from another silo's own probes.
    /// </summary>
    public TimeSpan SuspicionAfter() =>
        TimeSpan.FromSeconds((ProbeTimeoutSeconds ?? OrleansProbeTimeoutSeconds) * (NumMissedProbesLimit ?? OrleansNumMissedProbesLimit));

    public const double OrleansProbeTimeoutSeconds = 5;
    public const int OrleansNumMissedProbesLimit = 3;
}

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

    /// <summary>
    /// The longest a probe may wait once Orleans has stretched it for slow answers (Orleans: 4 × probeTimeoutSeconds).
    /// A silo that hangs without closing its connections is found only after this many seconds × numMissedProbesLimit;
    /// lower is faster, and more likely to evict a silo that is merely starved of CPU for a moment.
    /// </summary>
    public double? MaxProbeTimeoutSeconds { get; set; }

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
        Positive(MaxProbeTimeoutSeconds, "maxProbeTimeoutSeconds", 2400);
        if (MaxProbeTimeoutSeconds is { } max && max < ProbeTimeout())
            problems.Add($"membership.maxProbeTimeoutSeconds: {max} must be at least probeTimeoutSeconds ({ProbeTimeout()} s).");
        Positive(DeathVoteExpirationSeconds, "deathVoteExpirationSeconds", 3600);
        Positive(TableRefreshSeconds, "tableRefreshSeconds", 3600);
        Positive(IAmAlivePublishSeconds, "iAmAlivePublishSeconds", 3600);
        if (NumMissedProbesLimit is { } missed && missed is < 1 or > 100)
            problems.Add($"membership.numMissedProbesLimit: {missed} must be between 1 and 100.");
        if (NumVotesForDeathDeclaration is { } votes && votes is < 1 or > 100)
            problems.Add($"membership.numVotesForDeathDeclaration: {votes} must be between 1 and 100.");
        // A first suspicion must still count when the last voter's own probes have missed, or no silo is ever declared dead.
        if (problems.Count == 0 && DeathVoteExpirationSeconds is { } expiry && expiry <= HungSiloDetection().TotalSeconds)
            problems.Add($"membership.deathVoteExpirationSeconds: {expiry} must exceed maxProbeTimeoutSeconds × numMissedProbesLimit " +
                $"({HungSiloDetection().TotalSeconds} s), or suspicions expire before enough of them meet.");
        return problems;
    }

    // Methods, not properties: the configuration binder matches keys against private properties too, so a property
    // named ProbeTimeout would silently swallow a misspelt "probeTimeout" key.
    private double ProbeTimeout() => ProbeTimeoutSeconds ?? OrleansProbeTimeoutSeconds;
    private int MissedProbes() => NumMissedProbesLimit ?? OrleansNumMissedProbesLimit;

    /// <summary>
    /// The configured bound for a silo that crashed (its host refuses connections, so each probe fails at once): its
    /// peers suspect it after numMissedProbesLimit probe periods; the other votes arrive about as soon, from the
    /// other peers' own probes. Orleans' defaults where unset.
    /// </summary>
    public TimeSpan CrashedSiloDetection() => TimeSpan.FromSeconds(ProbeTimeout() * MissedProbes());

    /// <summary>The configured bound for a silo that hangs with its connections open: every probe waits its stretched timeout.</summary>
    public TimeSpan HungSiloDetection() => TimeSpan.FromSeconds((MaxProbeTimeoutSeconds ?? 4 * ProbeTimeout()) * MissedProbes());

    public const double OrleansProbeTimeoutSeconds = 5;
    public const int OrleansNumMissedProbesLimit = 3;
}

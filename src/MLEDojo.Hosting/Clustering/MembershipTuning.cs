using MLEDojo.Hosting.Configuration;
using Orleans.Configuration;

namespace MLEDojo.Hosting.Clustering;

/// <summary>Applies silo.config.json's "membership" section to Orleans' ClusterMembershipOptions; unset values keep Orleans' defaults.</summary>
public static class MembershipTuning
{
    public static void Apply(ISiloBuilder silo, DojoMembershipOptions membership) =>
        silo.Configure<ClusterMembershipOptions>(o => Apply(o, membership));

    public static void Apply(ClusterMembershipOptions o, DojoMembershipOptions membership)
    {
        if (membership.ProbeTimeoutSeconds is { } probe)
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(probe);
            // Orleans adapts the probe timeout between these bounds; they follow the configured value as its defaults do.
            o.MinProbeTimeout = o.ProbeTimeout / 2;
            o.MaxProbeTimeout = o.ProbeTimeout * 4;
        }
        if (membership.MaxProbeTimeoutSeconds is { } max) o.MaxProbeTimeout = TimeSpan.FromSeconds(max);
        if (membership.NumMissedProbesLimit is { } missed) o.NumMissedProbesLimit = missed;
        if (membership.NumVotesForDeathDeclaration is { } votes) o.NumVotesForDeathDeclaration = votes;
        if (membership.DeathVoteExpirationSeconds is { } expiry) o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(expiry);
        if (membership.TableRefreshSeconds is { } refresh) o.TableRefreshTimeout = TimeSpan.FromSeconds(refresh);
        if (membership.IAmAlivePublishSeconds is { } alive) o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(alive);
    }
}

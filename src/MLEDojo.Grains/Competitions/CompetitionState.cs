using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// A competition's persisted live leaderboard: each episode's best submission, by episode id; a revision counter
/// bumped on every change, and the snapshots taken (with the revision of the last one, so an unchanged board is not
/// snapshotted again).
/// </summary>
[GenerateSerializer]
public sealed class CompetitionState
{
    [Id(0)] public Dictionary<string, LeaderboardEntry> BestByEpisode { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public long Revision { get; set; }
    [Id(2)] public long SnapshotRevision { get; set; }
    [Id(3)] public List<LeaderboardSnapshot> Snapshots { get; set; } = [];
}

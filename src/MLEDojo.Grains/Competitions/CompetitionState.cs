using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Competitions;

/// <summary>A competition's persisted live leaderboard: each episode's best submission, by episode id.</summary>
[GenerateSerializer]
public sealed class CompetitionState
{
    [Id(0)] public Dictionary<string, LeaderboardEntry> BestByEpisode { get; set; } = new(StringComparer.Ordinal);
}

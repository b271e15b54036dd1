using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Competitions;

/// <summary>A competition's persisted live leaderboard (each episode's best submission, by episode id), owner and tags.</summary>
[GenerateSerializer]
public sealed class CompetitionState
{
    [Id(0)] public Dictionary<string, LeaderboardEntry> BestByEpisode { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The creator who registered it through the gateway; null when the operator placed it.</summary>
    [Id(1)] public string? Owner { get; set; }
    /// <summary>Tags set through the gateway; null keeps the manifest's or catalog's.</summary>
    [Id(2)] public List<string>? Tags { get; set; }
}

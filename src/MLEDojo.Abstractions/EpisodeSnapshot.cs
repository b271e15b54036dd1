namespace MLEDojo.Abstractions;

public enum EpisodeStatus { New, Running, Done, Closed }

/// <summary>An episode's state without its history (cheap to ask for at any time).</summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeSnapshot
{
    [Id(0)] public required string EpisodeId { get; init; }
    [Id(1)] public EpisodeStatus Status { get; init; }
    [Id(2)] public EpisodeOptions? Options { get; init; }
    [Id(3)] public int StepsTaken { get; init; }
    [Id(4)] public double TotalReward { get; init; }
    [Id(5)] public double? BestRawScore { get; init; }
    [Id(6)] public double? BestPositionScore { get; init; }
    [Id(7)] public DateTimeOffset? CreatedAt { get; init; }
    [Id(8)] public string? OutputDirectory { get; init; }
    [Id(9)] public string? BestMedal { get; init; }
    /// <summary>A DataSelect episode's latest observation.</summary>
    [Id(10)] public DataSelectView? DataSelect { get; init; }
    /// <summary>A DataSelect episode's grade as it stands (final once the episode is done).</summary>
    [Id(11)] public EpisodeGrade? Grade { get; init; }
}

/// <summary>An episode's best submission on a competition's live leaderboard.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardEntry
{
    [Id(0)] public required string AgentName { get; init; }
    [Id(1)] public required string EpisodeId { get; init; }
    [Id(2)] public required double RawScore { get; init; }
    [Id(3)] public double? PositionScore { get; init; }
    [Id(4)] public string? Medal { get; init; }
    [Id(5)] public DateTimeOffset At { get; init; }
}

/// <summary>What a competition is and whether it can be scored.</summary>
[GenerateSerializer, Immutable]
public sealed record CompetitionSummary
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string Family { get; init; } = "";
    [Id(2)] public bool HigherIsBetter { get; init; }
    [Id(3)] public string Category { get; init; } = "";
    [Id(4)] public string Level { get; init; } = "";
    [Id(5)] public string? Unavailability { get; init; }
    [Id(6)] public int PrivateBoardSize { get; init; }
    [Id(7)] public int PublicBoardSize { get; init; }
}

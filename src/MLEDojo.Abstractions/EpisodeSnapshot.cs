namespace MLEDojo.Abstractions;

/// <summary>Expired: idle past the silo's TTL or older than its maximum lifetime; its resources are released and steps are refused.</summary>
public enum EpisodeStatus { New, Running, Done, Closed, Expired }

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
    /// <summary>When a running episode expires unless it takes a step first (idle TTL, capped by the maximum lifetime).</summary>
    [Id(10)] public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Why an expired episode expired.</summary>
    [Id(11)] public string? ExpiryReason { get; init; }
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
    /// <summary>The competition's tags: as set by its owner, else from its manifest or the catalog.</summary>
    [Id(8)] public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Who registered it through the gateway (a creator key's owner); null for competitions placed by the operator.</summary>
    [Id(9)] public string? Owner { get; init; }
    [Id(10)] public string? Title { get; init; }
    [Id(11)] public string? Tldr { get; init; }
}

/// <summary>A competition's Kaggle leaderboards (rank and score, best first), as shipped in its private folder.</summary>
[GenerateSerializer, Immutable]
public sealed record KaggleBoards
{
    [Id(0)] public IReadOnlyList<KaggleBoardRow> Private { get; init; } = [];
    [Id(1)] public IReadOnlyList<KaggleBoardRow> Public { get; init; } = [];
    [Id(2)] public int PrivateSize { get; init; }
    [Id(3)] public int PublicSize { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record KaggleBoardRow([property: Id(0)] int Rank, [property: Id(1)] double Score);

/// <summary>request_info on a competition outside any episode: the answer, or why not (Error), with the valid types.</summary>
[GenerateSerializer, Immutable]
public sealed record CompetitionInfo
{
    [Id(0)] public IReadOnlyDictionary<string, string>? Info { get; init; }
    [Id(1)] public string? Error { get; init; }
    [Id(2)] public IReadOnlyList<string> Types { get; init; } = [];
}

public enum RegistrationOutcome { Registered, Invalid, AlreadyExists }

/// <summary>The answer to registering a competition: the registered competition, or why not.</summary>
[GenerateSerializer, Immutable]
public sealed record RegistrationResult
{
    [Id(0)] public RegistrationOutcome Outcome { get; init; }
    [Id(1)] public CompetitionSummary? Competition { get; init; }
    [Id(2)] public string? Error { get; init; }
}

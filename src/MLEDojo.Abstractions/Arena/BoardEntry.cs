namespace MLEDojo.Abstractions.Arena;

/// <summary>One scored episode of an active submission, as the leaderboards see it.</summary>
[GenerateSerializer, Immutable]
public sealed record BoardEpisode
{
    [Id(0)] public required string Competition { get; init; }
    /// <summary>The episode's best position score; null when it never scored (counted as 0).</summary>
    [Id(1)] public double? BestPositionScore { get; init; }
    [Id(2)] public double? BestRawScore { get; init; }
    [Id(3)] public string? Medal { get; init; }
}

/// <summary>An active submission on the leaderboards: who, under which name and tags, and every episode it played.</summary>
[GenerateSerializer, Immutable]
public sealed record BoardEntry
{
    [Id(0)] public required string SubmissionId { get; init; }
    [Id(1)] public required string Owner { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(4)] public IReadOnlyList<BoardEpisode> Episodes { get; init; } = [];
    [Id(5)] public DateTimeOffset ActiveSince { get; init; }
}

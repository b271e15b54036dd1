namespace MLEDojo.Abstractions;

/// <summary>A competition's leaderboard as it stood at <see cref="At"/>: the top entries and how many there were.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaderboardSnapshot
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required IReadOnlyList<LeaderboardEntry> Top { get; init; }
    /// <summary>Episodes on the board at the time (the top is cut at the configured size).</summary>
    [Id(2)] public required int Entries { get; init; }
}

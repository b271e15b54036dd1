namespace MLEDojo.Abstractions;

/// <summary>A score's place on one leaderboard: 1-based position, board size, (N − position + 1) / N.</summary>
[GenerateSerializer, Immutable]
public sealed record BoardStanding([property: Id(0)] int Position, [property: Id(1)] int Total, [property: Id(2)] double Score);

/// <summary>The scoring of one submission: MLE-Dojo's verdict, raw score, positions and MLE-bench medal.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmissionScore
{
    [Id(0)] public required bool Valid { get; init; }
    /// <summary>InvalidSubmissionError, SubmissionNotFoundError or EvaluationError when not valid.</summary>
    [Id(1)] public string? ErrorType { get; init; }
    [Id(2)] public string? Error { get; init; }
    [Id(3)] public double? RawScore { get; init; }
    [Id(4)] public BoardStanding? Private { get; init; }
    [Id(5)] public BoardStanding? Public { get; init; }
    /// <summary>Mean of the boards' position scores (MLE-Dojo's avg_score).</summary>
    [Id(6)] public double? PositionScore { get; init; }
    /// <summary>gold, silver, bronze or null.</summary>
    [Id(7)] public string? Medal { get; init; }
    [Id(8)] public bool? AboveMedian { get; init; }
    [Id(9)] public bool HigherIsBetter { get; init; } = true;
}

using MLEDojo.Competitions.Leaderboards;

namespace MLEDojo.Competitions.Scoring;

/// <summary>
/// The outcome of scoring one submission. Invalid submissions carry MLE-Dojo's error type
/// (<c>InvalidSubmissionError</c>, <c>SubmissionNotFoundError</c>, <c>EvaluationError</c>) and a message for the agent.
/// </summary>
public sealed record ScoreReport
{
    public required bool Valid { get; init; }
    public string? ErrorType { get; init; }
    public string? Error { get; init; }
    public double? RawScore { get; init; }
    public PositionScore? Position { get; init; }
    public Medal? Medal { get; init; }
    public bool? AboveMedian { get; init; }
    public TimeSpan Elapsed { get; init; }

    public static ScoreReport Invalid(string errorType, string error, TimeSpan elapsed) =>
        new() { Valid = false, ErrorType = errorType, Error = error, Elapsed = elapsed };
}

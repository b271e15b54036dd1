using MLEDojo.Abstractions;
using MLEDojo.Competitions.Leaderboards;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Grains.Scoring;

/// <summary>Maps the library's <see cref="ScoreReport"/> to the wire contract.</summary>
internal static class SubmissionScores
{
    public static SubmissionScore From(ScoreReport report, bool higherIsBetter) => new()
    {
        Valid = report.Valid,
        ErrorType = report.ErrorType,
        Error = report.Error,
        RawScore = report.RawScore,
        Private = Standing(report.Position?.Private),
        Public = Standing(report.Position?.Public),
        PositionScore = report.Position?.Average,
        Medal = report.Medal?.ToString().ToLowerInvariant(),
        AboveMedian = report.AboveMedian,
        HigherIsBetter = higherIsBetter,
    };

    public static SubmissionScore EvaluationError(string message, bool higherIsBetter = true) => new()
    {
        Valid = false,
        ErrorType = CompetitionScorer.EvaluationError,
        Error = message,
        HigherIsBetter = higherIsBetter,
    };

    private static BoardStanding? Standing(BoardPosition? position) =>
        position is null ? null : new BoardStanding(position.Position, position.Total, position.Score);
}

using System.Diagnostics;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Leaderboards;
using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Submissions;

namespace MLEDojo.Competitions.Scoring;

/// <summary>
/// Scores submissions for one competition. Construction loads the answers, the metric and both leaderboards
/// once; <see cref="Score"/> is then thread-safe and never throws for anything a submission contains.
/// </summary>
public sealed class CompetitionScorer
{
    public const string InvalidSubmissionError = "InvalidSubmissionError";
    public const string SubmissionNotFoundError = "SubmissionNotFoundError";
    public const string EvaluationError = "EvaluationError";

    private readonly SubmissionAligner _aligner;
    private readonly IMetric _metric;
    private readonly CsvLimits _limits;
    private readonly int _answerRows;

    private CompetitionScorer(Competition competition, SubmissionAligner aligner, IMetric metric, int answerRows,
        Leaderboard? privateBoard, Leaderboard? publicBoard, CsvLimits limits)
    {
        Competition = competition;
        _aligner = aligner;
        _metric = metric;
        _answerRows = answerRows;
        PrivateBoard = privateBoard;
        PublicBoard = publicBoard;
        Medals = privateBoard is null ? null : MedalThresholds.From(privateBoard);
        _limits = limits;
    }

    public Competition Competition { get; }
    public Leaderboard? PrivateBoard { get; }
    public Leaderboard? PublicBoard { get; }
    public MedalThresholds? Medals { get; }

    /// <summary>Loads everything scoring needs; throws <see cref="CompetitionDataException"/> if the competition cannot be scored.</summary>
    public static CompetitionScorer Create(Competition competition, CsvLimits? limits = null)
    {
        if (competition.Unavailability is { } reason)
            throw new CompetitionDataException($"Competition '{competition.Name}' cannot be scored: {reason}.");
        var spec = competition.Spec;
        var metric = MetricFamilies.Create(spec.Family, new MetricParameters(spec.Params));
        var answerRequest = new CsvReadRequest { IsSubmission = false, Limits = CsvLimits.Default with { MaxBytes = long.MaxValue } };
        var header = CsvFrameReader.ReadHeader(competition.AnswerPath, answerRequest);
        var answer = CsvFrameReader.Read(competition.AnswerPath, answerRequest with
        {
            Columns = SubmissionAligner.AnswerColumns(spec, header),
        });
        var answerRows = answer.RowCount;
        var aligner = new SubmissionAligner(spec, answer,
            column => CsvFrameReader.Read(competition.AnswerPath, answerRequest with { Columns = [column] }).Column(column));
        // Loading happens once per competition and leaves large garbage behind (the dropped id column, the read's
        // buffers); collecting it now lets the first scorings reuse that memory instead of growing the process.
        // `answer` is not used past this point, so the full frame is unreachable here.
        answer = null!;
        GC.Collect();
        return new CompetitionScorer(competition, aligner, metric, answerRows,
            LoadBoard(competition.PrivateLeaderboardPath, "private", spec.HigherIsBetter),
            LoadBoard(competition.PublicLeaderboardPath, "public", spec.HigherIsBetter),
            limits ?? CsvLimits.Default);
    }

    public ScoreReport Score(string submissionPath)
    {
        var clock = Stopwatch.StartNew();
        if (!File.Exists(submissionPath))
            return ScoreReport.Invalid(SubmissionNotFoundError,
                $"No submission was found at '{Path.GetFileName(submissionPath)}'. The code must write its predictions to {Competition.Metadata.OutputType}.", clock.Elapsed);
        double raw;
        try
        {
            var submission = CsvFrameReader.Read(submissionPath, new CsvReadRequest
            {
                IsSubmission = true,
                Columns = _aligner.ColumnsToRead,
                ExpectedRows = _answerRows,
                Limits = _limits,
                Router = _aligner.Router,
            });
            raw = _metric.Evaluate(_aligner.Align(submission));
        }
        catch (InvalidSubmissionException e)
        {
            return ScoreReport.Invalid(InvalidSubmissionError, e.Message, clock.Elapsed);
        }
        catch (CompetitionDataException e)
        {
            return ScoreReport.Invalid(EvaluationError, e.Message, clock.Elapsed);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A metric bug must not take the caller down; report it as MLE-Dojo does (EvaluationError).
            return ScoreReport.Invalid(EvaluationError, $"The submission could not be evaluated: {e.Message}", clock.Elapsed);
        }
        return Rank(raw) with { Elapsed = clock.Elapsed };
    }

    /// <summary>Positions and medal for a raw score (also used to rank scores computed elsewhere).</summary>
    public ScoreReport Rank(double raw)
    {
        var privatePosition = PrivateBoard?.PositionOf(raw);
        var publicPosition = PublicBoard?.PositionOf(raw);
        var boards = new[] { privatePosition, publicPosition }.OfType<BoardPosition>().ToArray();
        var position = boards.Length == 0 ? null : new PositionScore(privatePosition, publicPosition, boards.Average(b => b.Score));
        var award = Medals?.Award(raw);
        return new ScoreReport { Valid = true, RawScore = raw, Position = position, Medal = award?.Medal, AboveMedian = award?.AboveMedian };
    }

    private static Leaderboard? LoadBoard(string path, string name, bool higherIsBetter) =>
        File.Exists(path) ? Leaderboard.Load(path, name, higherIsBetter) : null;
}

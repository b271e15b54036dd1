using System.Globalization;
using MLEDojo.Competitions.Data;

namespace MLEDojo.Competitions.Leaderboards;

/// <summary>
/// A Kaggle leaderboard as MLE-Dojo ships it (<c>rank,score</c>, best first). Positions follow MLE-Dojo's
/// <c>_calculate_leaderboard_position</c>: a score takes the first slot it ties or beats, so ties count for the
/// agent; NaN beats nothing and lands at N + 1.
/// </summary>
public sealed class Leaderboard
{
    private readonly double[] _ascending;

    public Leaderboard(string name, IReadOnlyList<double> scores, bool higherIsBetter)
    {
        if (scores.Count == 0) throw new CompetitionDataException($"The {name} leaderboard has no entries.");
        Name = name;
        HigherIsBetter = higherIsBetter;
        BoardOrder = scores.ToArray();
        CheckOrder();
        _ascending = BoardOrder.Where(s => !double.IsNaN(s)).Order().ToArray();
    }

    public string Name { get; }
    public bool HigherIsBetter { get; }
    /// <summary>Scores as the file lists them, best first.</summary>
    public IReadOnlyList<double> BoardOrder { get; }
    public int Count => BoardOrder.Count;

    public static Leaderboard Load(string path, string name, bool higherIsBetter)
    {
        var frame = CsvFrameReader.Read(path, new CsvReadRequest { IsSubmission = false });
        if (frame.Header.Count < 2)
            throw new CompetitionDataException($"The {name} leaderboard {path} needs two columns (rank,score); it has {string.Join(",", frame.Header)}.");
        var column = frame.Column(frame.Header[1]);
        if (!column.IsNumeric)
            throw new CompetitionDataException($"The {name} leaderboard {path} has non-numeric scores in column '{column.Name}'.");
        return new Leaderboard(name, column.Numbers, higherIsBetter);
    }

    public BoardPosition PositionOf(double score)
    {
        var total = BoardOrder.Count;
        // position = 1 + (entries strictly better than the score); NaN compares false, so it beats nobody.
        var strictlyBetter = double.IsNaN(score)
            ? total
            : HigherIsBetter ? _ascending.Length - UpperBound(score) : LowerBound(score);
        var position = strictlyBetter + 1;
        return new BoardPosition(position, total, (total - position + 1) / (double)total);
    }

    private int UpperBound(double value)
    {
        int lo = 0, hi = _ascending.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (_ascending[mid] <= value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = _ascending.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (_ascending[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private void CheckOrder()
    {
        double? previous = null;
        for (var i = 0; i < BoardOrder.Count; i++)
        {
            var current = BoardOrder[i];
            if (double.IsNaN(current)) continue;
            if (previous is { } p && (HigherIsBetter ? current > p : current < p))
                throw new CompetitionDataException(
                    $"The {Name} leaderboard is not sorted best-first for a metric where {(HigherIsBetter ? "higher" : "lower")} is better " +
                    $"(row {i + 1}: {current.ToString(CultureInfo.InvariantCulture)} follows {p.ToString(CultureInfo.InvariantCulture)}). " +
                    "The metric's direction and the leaderboard disagree; fix the catalog entry or the leaderboard file.");
            previous = current;
        }
    }
}

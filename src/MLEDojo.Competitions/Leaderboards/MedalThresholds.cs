namespace MLEDojo.Competitions.Leaderboards;

/// <summary>
/// MLE-bench's medal thresholds (<c>rank_score</c>, after Kaggle's progression rules), computed from a
/// leaderboard of N teams in board order: the score at the rank that each medal needs, and the median.
/// </summary>
public sealed record MedalThresholds(double Gold, double Silver, double Bronze, double Median, bool HigherIsBetter, int Teams)
{
    public static MedalThresholds From(Leaderboard board)
    {
        var scores = board.BoardOrder;
        var n = scores.Count;
        var (gold, silver, bronze) = n switch
        {
            < 100 => (Math.Max(1, (int)(0.1 * n)), Math.Max(1, (int)(0.2 * n)), Math.Max(1, (int)(0.4 * n))),
            < 250 => (10, (int)(0.2 * n), (int)(0.4 * n)),
            < 1000 => (10 + (int)(0.002 * n), 50, 100),
            _ => (10 + (int)(0.002 * n), (int)(0.05 * n), (int)(0.1 * n)),
        };
        return new MedalThresholds(At(gold), At(silver), At(bronze), MedianOf(scores), board.HigherIsBetter, n);

        double At(int rank) => scores[Math.Clamp(rank, 1, n) - 1];
    }

    /// <summary>Medals are exclusive and inclusive at the threshold; the median test is strict. MLE-bench rounds the score to 5 decimals first.</summary>
    public MedalAward Award(double rawScore)
    {
        if (double.IsNaN(rawScore)) return new MedalAward(null, false);
        var score = Math.Round(rawScore, 5, MidpointRounding.ToEven);
        Medal? medal = AtLeast(score, Gold) ? Medal.Gold : AtLeast(score, Silver) ? Medal.Silver : AtLeast(score, Bronze) ? Medal.Bronze : null;
        var aboveMedian = HigherIsBetter ? score > Median : score < Median;
        return new MedalAward(medal, aboveMedian);
    }

    private bool AtLeast(double score, double threshold) => HigherIsBetter ? score >= threshold : score <= threshold;

    private static double MedianOf(IReadOnlyList<double> scores)
    {
        var sorted = scores.Where(s => !double.IsNaN(s)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Episodes;

/// <summary>
/// Rewards in one scale where higher is always better: the position score, or the raw score negated for metrics
/// where lower is better.
/// </summary>
internal static class Rewards
{
    /// <summary>The submission's score in the episode's scale; null when it was not a valid, scored submission.</summary>
    public static double? ScoreOf(SubmissionScore? score, ScoreMode mode) =>
        score is not { Valid: true, RawScore: { } raw }
            ? null
            : mode == ScoreMode.Position ? score.PositionScore ?? 0 : score.HigherIsBetter ? raw : -raw;

    /// <summary>The best so far in the episode's scale (null before the first valid submission).</summary>
    public static double? BestOf(EpisodeState state, ScoreMode mode) =>
        mode == ScoreMode.Position ? state.BestPositionScore
        : state.BestRawScore is { } raw ? (state.HigherIsBetter ? raw : -raw) : null;

    /// <summary>
    /// Score mode: the submission's own score (0 when it failed). Improvement mode: how far it raised the best,
    /// never negative; the first valid submission counts from 0 in position mode and earns 0 in raw mode, where
    /// there is no natural zero to improve on.
    /// </summary>
    public static double For(RewardMode rewardMode, ScoreMode scoreMode, double? score, double? previousBest)
    {
        if (score is not { } s) return 0;
        if (rewardMode == RewardMode.Score) return s;
        if (previousBest is { } best) return Math.Max(0, s - best);
        return scoreMode == ScoreMode.Position ? Math.Max(0, s) : 0;
    }
}

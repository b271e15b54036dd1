using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>One finished episode as a report sees it: its best scores and medal, what it used, and its best score after each step.</summary>
public sealed record EpisodeResult(
    string EpisodeId, string Competition, string Agent, string GroupId, int Repetition,
    double BestPositionScore, double? BestRawScore, bool ValidSubmission, string? Medal, int Steps, double SecondsUsed,
    string StopReason, IReadOnlyList<double> BestAfterStep)
{
    private static readonly string[] MedalOrder = ["gold", "silver", "bronze"];

    /// <summary>
    /// The episode's best position score (0 when no submission was valid, as MLE-Dojo scores failures), its best medal,
    /// and the best position score after each step, from its trajectory lines in step order.
    /// </summary>
    public static EpisodeResult From(IReadOnlyList<TrajectoryStep> lines)
    {
        var first = lines[0];
        var last = lines[^1];
        var curve = new List<double>();
        double best = 0;
        double? bestRaw = null;
        string? medal = null;
        var valid = false;
        foreach (var line in lines.Where(l => l.Step > 0))
        {
            if (line.Observation.BestPositionScore is { } score && !double.IsNaN(score)) best = Math.Max(best, score);
            bestRaw = line.Observation.BestRawScore ?? bestRaw;
            if (line.Observation.Execution?.Submission is { Valid: true } submission)
            {
                valid = true;
                if (Rank(submission.Medal) < Rank(medal)) medal = submission.Medal;
            }
            curve.Add(best);
        }
        var seconds = lines.Sum(l => l.Timings.AgentS + l.Timings.EnvS);
        return new EpisodeResult(first.EpisodeId, first.Competition, first.Agent, first.GroupId, first.Repetition,
            best, bestRaw, valid, medal, last.Step, seconds, last.StopReason ?? "", curve);
    }

    private static int Rank(string? medal) => medal is null ? MedalOrder.Length : Array.IndexOf(MedalOrder, medal) is var i and >= 0 ? i : MedalOrder.Length;
}

namespace MLEDojo.Rollouts.Reporting;

/// <summary>One (competition, agent)'s episodes summarized: MLE-Dojo's position score, MLE-bench's medal rates, what was used.</summary>
public sealed record GroupStats(
    string Competition, string Agent, int Episodes,
    double MeanBestPosition, double SemBestPosition,
    double GoldRate, double SilverRate, double BronzeRate, double AnyMedalRate, double ValidSubmissionRate,
    double MeanSteps, double MeanSeconds, IReadOnlyList<EpisodeResult> Results)
{
    public static GroupStats Of(string competition, string agent, IReadOnlyList<EpisodeResult> results)
    {
        double Rate(Func<EpisodeResult, bool> which) => results.Count == 0 ? 0 : results.Count(which) / (double)results.Count;
        var best = results.Select(r => r.BestPositionScore).ToArray();
        return new GroupStats(competition, agent, results.Count,
            Statistics.Mean(best), Statistics.StandardError(best),
            Rate(r => r.Medal == "gold"), Rate(r => r.Medal == "silver"), Rate(r => r.Medal == "bronze"), Rate(r => r.Medal is not null),
            Rate(r => r.ValidSubmission),
            Statistics.Mean(results.Select(r => (double)r.Steps).ToArray()), Statistics.Mean(results.Select(r => r.SecondsUsed).ToArray()),
            results);
    }
}

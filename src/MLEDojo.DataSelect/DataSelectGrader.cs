namespace MLEDojo.DataSelect;

/// <summary>A graded episode: score in [0, 1], whether it passed, and the score's parts.</summary>
public sealed record DataSelectGrade(string TaskId, double Score, bool Passed, IReadOnlyDictionary<string, double> Breakdown);

/// <summary>DataSelectEnv's grader: performance for easy; performance and noise avoided for medium; performance and budget saved for hard.</summary>
public static class DataSelectGrader
{
    public static DataSelectGrade Grade(DataSelectTask task, double performance, IReadOnlyList<double> noiseRatios, int remainingBudget)
    {
        switch (task.Id)
        {
            case "easy":
            {
                var score = Clip((performance - 0.55) / 0.20);
                return new(task.Id, score, performance > 0.62, new Dictionary<string, double> { ["performance_score"] = Round(score) });
            }
            case "medium":
            {
                // No selection at all counts as fully noisy, as in the original: avoiding noise by labelling nothing earns nothing.
                var averageNoise = noiseRatios.Count > 0 ? noiseRatios.Average() : 1.0;
                var performanceScore = Clip((performance - 0.42) / 0.20);
                var noiseScore = Clip(1.0 - averageNoise / 0.50);
                return new(task.Id, Round(0.6 * performanceScore + 0.4 * noiseScore), performance > 0.52 && averageNoise < 0.50,
                    new Dictionary<string, double>
                    {
                        ["performance_score"] = Round(performanceScore),
                        ["noise_score"] = Round(noiseScore),
                        ["avg_noise_ratio"] = Round(averageNoise),
                    });
            }
            default:
            {
                var used = task.Budget - remainingBudget;
                var performanceScore = Clip((performance - 0.50) / 0.22);
                var efficiency = Clip(1.0 - (double)used / task.Budget);
                return new(task.Id, Round(0.65 * performanceScore + 0.35 * efficiency), performance > 0.58,
                    new Dictionary<string, double>
                    {
                        ["performance_score"] = Round(performanceScore),
                        ["efficiency_score"] = Round(efficiency),
                        ["budget_used"] = used,
                    });
            }
        }
    }

    private static double Clip(double x) => Math.Clamp(x, 0.0, 1.0);

    private static double Round(double x) => Math.Round(x, 4, MidpointRounding.ToEven);
}

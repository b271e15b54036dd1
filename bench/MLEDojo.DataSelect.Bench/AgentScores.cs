namespace MLEDojo.DataSelect.Bench;

/// <summary>Grades of the balanced baseline, the original's random-sampling strategy and a uniformly random agent: seed 42, and the mean over seeds 0-19.</summary>
internal static class AgentScores
{
    private const int Seeds = 20;

    public static int Run()
    {
        var agents = new (string Name, Func<long, IDataSelectAgent> Make)[]
        {
            ("balanced (baseline)", _ => FixedAgent.Balanced()),
            ("random sampling (random=1, batch 10)", _ => FixedAgent.RandomSampling()),
            ("uniform random actions", seed => new RandomAgent(seed)),
        };
        Console.WriteLine("| agent | seeds | easy score (perf) | medium score (perf) | hard score (perf) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, make) in agents)
        {
            var at42 = DataSelectBaseline.PlayAll(DataSelectBaseline.Seed, () => make(DataSelectBaseline.Seed));
            Console.WriteLine($"| {name} | 42 | {string.Join(" | ", at42.Values.Select(r => $"{r.Grade.Score:F4} ({r.FinalPerformance:F4})"))} |");
            var sums = DataSelectTask.Ids.ToDictionary(id => id, _ => (Score: 0.0, Performance: 0.0));
            for (var seed = 0; seed < Seeds; seed++)
            {
                foreach (var (task, r) in DataSelectBaseline.PlayAll(seed, () => make(seed)))
                    sums[task] = (sums[task].Score + r.Grade.Score / Seeds, sums[task].Performance + r.FinalPerformance / Seeds);
            }
            Console.WriteLine($"| {name} | mean 0-{Seeds - 1} | {string.Join(" | ", sums.Values.Select(s => $"{s.Score:F4} ({s.Performance:F4})"))} |");
        }
        return 0;
    }
}

namespace MLEDojo.DataSelect;

/// <summary>One of DataSelectEnv's tasks: how noisy the pool is, the labelling budget, the step limit and the performance a stop must reach.</summary>
public sealed record DataSelectTask(
    string Id,
    string Difficulty,
    string Description,
    string SuccessCriteria,
    double FlipY,
    int Budget,
    int MaxSteps,
    double StopThreshold)
{
    public static DataSelectTask Easy { get; } = new("easy", "easy",
        "Clean dataset (flip_y=0.05), budget=300, max_steps=15. Agent must reach validation performance > 0.62. Any reasonable balanced strategy succeeds.",
        "current_performance > 0.62 at episode end", 0.05, 300, 15, 0.60);

    public static DataSelectTask Medium { get; } = new("medium", "medium",
        "High noise (flip_y=0.25), budget=150, max_steps=12. Agent must reach performance > 0.52 while keeping average noise selection rate below 0.50. Uncertainty-only strategies fail.",
        "current_performance > 0.52 AND avg noise_ratio < 0.50", 0.25, 150, 12, 0.57);

    public static DataSelectTask Hard { get; } = new("hard", "hard",
        "High noise (flip_y=0.30), tight budget=100, max_steps=8. Agent must hit performance > 0.58 efficiently. Grader scores performance and budget efficiency jointly. Requires precise noise-aware + diversity-aware strategy.",
        "performance > 0.58, scored jointly with budget efficiency", 0.30, 100, 8, 0.62);

    public static IReadOnlyList<DataSelectTask> All { get; } = [Easy, Medium, Hard];

    public static IReadOnlyList<string> Ids { get; } = All.Select(t => t.Id).ToArray();

    public static DataSelectTask? Find(string? id) => All.FirstOrDefault(t => t.Id == id);

    /// <summary>The task named <paramref name="id"/>, or an exception whose message lists the valid ids.</summary>
    public static DataSelectTask Get(string? id) =>
        Find(id) ?? throw new ArgumentException($"Unknown task_id '{id}'; one of {string.Join(", ", Ids)}.", nameof(id));
}

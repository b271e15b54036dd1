using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Episodes;

/// <summary>An episode as stored in the "episodes" storage: its options, progress, bests and full history.</summary>
[GenerateSerializer]
public sealed class EpisodeState
{
    [Id(0)] public EpisodeStatus Status { get; set; } = EpisodeStatus.New;
    [Id(1)] public EpisodeOptions? Options { get; set; }
    [Id(2)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(3)] public string? OutputDirectory { get; set; }
    [Id(4)] public bool HigherIsBetter { get; set; } = true;
    /// <summary>The GPU device key chosen at reset for resource class gpu.</summary>
    [Id(5)] public string? GpuDevice { get; set; }
    [Id(6)] public double TotalReward { get; set; }
    [Id(7)] public double? BestRawScore { get; set; }
    [Id(8)] public double? BestPositionScore { get; set; }
    [Id(9)] public string? BestMedal { get; set; }
    /// <summary>Every step since the last reset, in order (step n at index n − 1).</summary>
    [Id(10)] public List<HistoryEntry> History { get; set; } = [];
    /// <summary>Request id → step number, so a retried step returns its recorded result instead of running again.</summary>
    [Id(11)] public Dictionary<string, int> StepsByRequest { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Request id → result of every reset, for the same reason.</summary>
    [Id(12)] public Dictionary<string, StepResult> Resets { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// When the running episode expires unless it takes a step first; persisted so an activation after a restart
    /// (which may have lost in-memory reminders) still honours it.
    /// </summary>
    [Id(13)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(14)] public string? ExpiryReason { get; set; }

    public int StepsTaken => History.Count;
}

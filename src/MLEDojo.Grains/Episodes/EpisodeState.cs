using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Episodes;

/// <summary>
/// An episode in memory, and its checkpoint in the "episodes" storage. The checkpoint (written at reset, close, expiry
/// and when the time budget runs out) holds everything but the steps; each step is a record in the episode step
/// journal (<see cref="Journal.IEpisodeJournal"/>), and an activation rebuilds <see cref="History"/>,
/// <see cref="StepsByRequest"/> and the summary fields by replaying the records of <see cref="Epoch"/>.
/// </summary>
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
    /// <summary>Every step since the last reset, in order. From the journal, never in the checkpoint.</summary>
    [field: NonSerialized] public EpisodeHistory History { get; set; } = new();
    /// <summary>Request id → step number, so a retried step returns its recorded result instead of running again. From the journal.</summary>
    [field: NonSerialized] public Dictionary<string, int> StepsByRequest { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Request id → result of every reset, for the same reason.</summary>
    [Id(12)] public Dictionary<string, StepResult> Resets { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// When the running episode expires unless it takes a step first; persisted so an activation after a restart
    /// (which may have lost in-memory reminders) still honours it.
    /// </summary>
    [Id(13)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(14)] public string? ExpiryReason { get; set; }
    /// <summary>A DataSelect episode's environment as of its last step (null for competitions).</summary>
    [Id(15)] public DataSelect.DataSelectProgress? DataSelect { get; set; }

    /// <summary>Which reset this is (1 for the first): the journal keys its records by it, so a reset starts a fresh history.</summary>
    [Id(16)] public long Epoch { get; set; }
    /// <summary>
    /// The steps the checkpoint's summary fields already account for: replay applies the summaries of later records
    /// only, so a close or expiry checkpointed after step n is not undone by step n's record.
    /// </summary>
    [Id(17)] public int CheckpointStep { get; set; }

    public int StepsTaken => History.Count;
}

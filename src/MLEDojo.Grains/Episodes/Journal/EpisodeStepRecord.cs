using MLEDojo.Abstractions;
using MLEDojo.Grains.Episodes.DataSelect;

namespace MLEDojo.Grains.Episodes.Journal;

/// <summary>
/// What one step changed: its history entry and the episode's summary fields as they stand after it. Replaying an
/// epoch's records on top of its checkpoint rebuilds the episode exactly (see <see cref="EpisodeState.CheckpointStep"/>).
/// </summary>
[GenerateSerializer]
public sealed class EpisodeStepRecord
{
    [Id(0)] public HistoryEntry Entry { get; set; } = null!;
    [Id(1)] public EpisodeStatus Status { get; set; }
    [Id(2)] public double TotalReward { get; set; }
    [Id(3)] public double? BestRawScore { get; set; }
    [Id(4)] public double? BestPositionScore { get; set; }
    [Id(5)] public string? BestMedal { get; set; }
    [Id(6)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(7)] public DataSelectProgress? DataSelect { get; set; }

    public static EpisodeStepRecord After(HistoryEntry entry, EpisodeState state) => new()
    {
        Entry = entry,
        Status = state.Status,
        TotalReward = state.TotalReward,
        BestRawScore = state.BestRawScore,
        BestPositionScore = state.BestPositionScore,
        BestMedal = state.BestMedal,
        ExpiresAt = state.ExpiresAt,
        DataSelect = state.DataSelect,
    };

    /// <summary>Sets the summary fields this record carries on <paramref name="state"/>.</summary>
    public void ApplySummaryTo(EpisodeState state)
    {
        state.Status = Status;
        state.TotalReward = TotalReward;
        state.BestRawScore = BestRawScore;
        state.BestPositionScore = BestPositionScore;
        state.BestMedal = BestMedal;
        state.ExpiresAt = ExpiresAt;
        state.DataSelect = DataSelect;
    }
}

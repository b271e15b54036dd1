namespace MLEDojo.Abstractions;

/// <summary>
/// What a DataSelect agent sees (DataSelectEnv's observation: budget, diversity, noise, performance, pool size), plus
/// what the step did: a select_batch's gain, redundancy, noise ratio and batch size, or why the episode ended.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DataSelectView
{
    [Id(0)] public required int RemainingBudget { get; init; }
    [Id(1)] public required double DiversityScore { get; init; }
    [Id(2)] public required double NoiseEstimate { get; init; }
    [Id(3)] public required double CurrentPerformance { get; init; }
    [Id(4)] public required int SamplesAvailable { get; init; }
    [Id(5)] public double? Gain { get; init; }
    [Id(6)] public double? Redundancy { get; init; }
    [Id(7)] public double? NoiseRatio { get; init; }
    [Id(8)] public int? BatchSize { get; init; }
    /// <summary>"stop" or "pool_empty" when that ended the episode.</summary>
    [Id(9)] public string? Reason { get; init; }
}

/// <summary>A DataSelect episode's grade: DataSelectEnv's grader score in [0, 1], whether it passed, and the score's parts.</summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeGrade
{
    [Id(0)] public required string TaskId { get; init; }
    [Id(1)] public required double Score { get; init; }
    [Id(2)] public required bool Passed { get; init; }
    [Id(3)] public required IReadOnlyDictionary<string, double> Breakdown { get; init; }
    [Id(4)] public bool EpisodeDone { get; init; }
}

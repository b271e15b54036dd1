namespace MLEDojo.Gateway.Wire;

/// <summary>
/// What the agent sees: MLE-Dojo's observation keys, the episode's budget, and structured results. Every key is
/// always present (null when it does not apply), so trainers can rely on one shape.
/// </summary>
public sealed record WireObservation
{
    /// <summary>SUCCESS or FAILED.</summary>
    public required string ActionStatus { get; init; }
    public required string Feedback { get; init; }
    public double? CurrentRawScore { get; init; }
    public double? CurrentPositionScore { get; init; }
    public double? BestRawScore { get; init; }
    public double? BestPositionScore { get; init; }
    public required string HistorySummary { get; init; }
    public int StepsTaken { get; init; }
    public int StepsLeft { get; init; }
    public double TimeLeftS { get; init; }
    /// <summary>Why the action was refused (nothing ran; the episode goes on unchanged).</summary>
    public string? Error { get; init; }
    /// <summary>request_info's answer by info type.</summary>
    public IReadOnlyDictionary<string, string>? Info { get; init; }
    public WireExecution? Execution { get; init; }
    /// <summary>get_history's recorded steps.</summary>
    public IReadOnlyList<WireHistoryEntry>? History { get; init; }
    /// <summary>data-select (DataSelectEnv's observation keys): labelling budget left.</summary>
    public int? RemainingBudget { get; init; }
    /// <summary>data-select: standard deviation of every feature value labelled so far (seed set included).</summary>
    public double? DiversityScore { get; init; }
    /// <summary>data-select: the share of mislabelled samples left in the pool (the original reports the truth).</summary>
    public double? NoiseEstimate { get; init; }
    /// <summary>data-select: 1 / (1 + validation log loss), at least 0.05.</summary>
    public double? CurrentPerformance { get; init; }
    /// <summary>data-select: candidate samples left in the pool.</summary>
    public int? SamplesAvailable { get; init; }
    /// <summary>data-select: what a select_batch did (the original's info: gain, redundancy, noise_ratio; plus batch_size).</summary>
    public WireSelection? Selection { get; init; }
    /// <summary>data-select: "stop" or "pool_empty" when that ended the episode.</summary>
    public string? EndReason { get; init; }
}

public sealed record WireSelection(double Gain, double Redundancy, double NoiseRatio, int BatchSize);

public sealed record WireExecution
{
    /// <summary>success, syntax_error, code_error, timeout, resource_exceeded or infrastructure_error.</summary>
    public required string Status { get; init; }
    public int? ExitCode { get; init; }
    public required string Stdout { get; init; }
    public required string Stderr { get; init; }
    public double DurationS { get; init; }
    public string? ErrorClass { get; init; }
    public double QueueWaitS { get; init; }
    public int QueuePosition { get; init; }
    public required string Device { get; init; }
    public WireSubmission? Submission { get; init; }
}

public sealed record WireSubmission
{
    public bool Valid { get; init; }
    public string? ErrorType { get; init; }
    public string? Error { get; init; }
    public double? RawScore { get; init; }
    public WireStanding? Private { get; init; }
    public WireStanding? Public { get; init; }
    public double? PositionScore { get; init; }
    public string? Medal { get; init; }
    public bool? AboveMedian { get; init; }
    public bool HigherIsBetter { get; init; }
}

public sealed record WireStanding(int Position, int Total, double Score);

public sealed record WireHistoryEntry
{
    public int Step { get; init; }
    public required string RequestId { get; init; }
    public required string ActionType { get; init; }
    public string? InfoType { get; init; }
    public string? Code { get; init; }
    public required string ActionStatus { get; init; }
    public required string Feedback { get; init; }
    public double? CurrentRawScore { get; init; }
    public double Reward { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationS { get; init; }
}

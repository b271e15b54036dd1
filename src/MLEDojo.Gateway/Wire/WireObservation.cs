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
}

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

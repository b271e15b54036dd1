namespace MLEDojo.Execution;

internal enum ProcessEndReason { Exited, TimedOut, Cancelled, FailedToStart, LimitBreached }

/// <summary>How a supervised process ended, before anything Python-specific is read into it.</summary>
internal sealed record ProcessEnding
{
    public required ProcessEndReason Reason { get; init; }
    /// <summary>Set when <see cref="Reason"/> is <see cref="ProcessEndReason.Exited"/>; 128 + n after signal n.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The cap the run went over, when <see cref="Reason"/> is <see cref="ProcessEndReason.LimitBreached"/>.</summary>
    public LimitBreach? Breach { get; init; }
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required TimeSpan Duration { get; init; }
}

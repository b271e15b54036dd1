namespace MLEDojo.BenchSuite;

/// <summary>What one figure measured: its rows, and the reason when it could not run.</summary>
public sealed record FigureResult(
    int Number,
    string Title,
    IReadOnlyList<FigureRow> Rows,
    TimeSpan Elapsed,
    string? Note = null,
    string? Error = null)
{
    public static FigureResult Failed(IBenchFigure figure, TimeSpan elapsed, string error) =>
        new(figure.Number, figure.Title, [], elapsed, Error: error);
}

/// <summary>
/// One measured quantity beside its limit, measured in the same run. <see cref="Ratio"/> is value ÷ limit, so the
/// goal reads as a bound on it (e.g. steps/s ≥ 0.5 × raw grain pings/s).
/// </summary>
/// <param name="Measure">What was measured, e.g. "request_info steps/s, 64 episodes".</param>
/// <param name="Limit">The reference it is compared with, e.g. "raw grain pings/s"; null when the goal is absolute.</param>
/// <param name="Goal">The goal in words, e.g. "≥ 50% of raw ping" or "p99 < 10 ms".</param>
/// <param name="GoalMet">Whether this run met the goal; null when the row carries no goal.</param>
public sealed record FigureRow(
    string Measure,
    double Value,
    string Unit,
    string? Limit = null,
    double? LimitValue = null,
    string? LimitUnit = null,
    string? Goal = null,
    bool? GoalMet = null)
{
    public double? Ratio => LimitValue is { } limit && limit != 0 ? Value / limit : null;
}

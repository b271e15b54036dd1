using MLEDojo.Execution;

namespace MLEDojo.BenchSuite.Devices;

/// <summary>
/// A code runner that runs nothing: it holds each run for a fixed time and reports success, stamping start and
/// end, so that what a device queue adds between runs is all that is left to measure.
/// </summary>
public sealed class TimingCodeRunner(TimeSpan hold) : ICodeRunner
{
    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult(new CodeRunOutcome { Status = CodeRunStatus.Success, Isolation = "none (bench timing runner)" });

    public async Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        if (hold > TimeSpan.Zero) await Task.Delay(hold, cancellationToken);
        var finished = DateTimeOffset.UtcNow;
        return new CodeRunOutcome
        {
            Status = CodeRunStatus.Success,
            ExitCode = 0,
            StartedAt = started,
            FinishedAt = finished,
            Duration = finished - started,
            Isolation = "none (bench timing runner)",
        };
    }
}

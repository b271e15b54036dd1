namespace MLEDojo.Execution;

/// <summary>A runner for a silo that must not run code (no sandbox, unisolated mode not allowed): every run is an infrastructure failure saying why.</summary>
public sealed class RefusingCodeRunner(string reason) : ICodeRunner
{
    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) => Task.FromResult(Refusal());

    public Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken) => Task.FromResult(Refusal());

    private CodeRunOutcome Refusal()
    {
        var now = DateTimeOffset.UtcNow;
        return new CodeRunOutcome
        {
            Status = CodeRunStatus.InfrastructureFailure,
            ErrorClass = "SandboxUnavailable",
            Stderr = reason,
            StartedAt = now,
            FinishedAt = now,
            Isolation = "none: execution refused",
        };
    }
}

namespace MLEDojo.Execution;

/// <summary>
/// Runs agent code as a plain child process of this one: a scrubbed environment, a wall-clock timeout, capped
/// output, and a kill of everything the run started once it ends. No isolation beyond that: the code sees the
/// filesystem and network as this process does. For development only (see <see cref="Sandbox.SandboxedCodeRunner"/>).
/// </summary>
public sealed class ProcessCodeRunner : ICodeRunner
{
    private readonly CodeRunner _runner;

    public ProcessCodeRunner(ExecutionLimits limits) => _runner = new CodeRunner(limits, new UnisolatedRun(limits), limits.Output);

    public Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken) => _runner.RunAsync(spec, cancellationToken);

    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) => _runner.CheckSyntaxAsync(spec, cancellationToken);
}

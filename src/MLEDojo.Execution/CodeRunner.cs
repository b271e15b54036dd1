namespace MLEDojo.Execution;

/// <summary>
/// Runs Python code under an <see cref="IRunIsolation"/> and classifies how it ended. Shared by the sandboxed and
/// the unisolated runner, which differ only in their isolation.
/// </summary>
internal sealed class CodeRunner(ExecutionLimits limits, IRunIsolation isolation, OutputCaps outputCaps)
{
    /// <summary>Exit code of <see cref="SyntaxCheckScript"/> for a syntax error, apart from Python's own 1 and 2.</summary>
    private const int SyntaxErrorExitCode = 3;

    // compile() rather than py_compile: py_compile writes a .pyc next to the code whatever -B says.
    // Null bytes in the source are a ValueError before Python 3.12 and a SyntaxError after.
    private const string SyntaxCheckScript = """
        import sys, traceback
        path = sys.argv[1]
        with open(path, 'rb') as source:
            code = source.read()
        try:
            compile(code, path, 'exec', dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            sys.stderr.write(''.join(traceback.format_exception_only(type(error), error)))
            sys.exit(3)
        """;

    public async Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        var run = await ExecuteAsync(spec, [CodePathOf(spec)], spec.Timeout, watchOutput: true, cancellationToken).ConfigureAwait(false);
        if (run.Refusal is { } refusal)
            return refusal;
        var (ending, facts) = (run.Ending!, run.Facts!);
        return ending switch
        {
            { Reason: ProcessEndReason.Cancelled } => Outcome(ending, facts, CodeRunStatus.Cancelled),
            _ when facts.SandboxFailure is { } failure => Outcome(ending, facts, CodeRunStatus.InfrastructureFailure, "SandboxFailed") with { Stderr = failure },
            { Reason: ProcessEndReason.FailedToStart } => Outcome(ending, facts, CodeRunStatus.InfrastructureFailure),
            _ when facts.OutOfMemoryKilled => Outcome(ending, facts, CodeRunStatus.OutOfMemory, "OutOfMemory") with
            {
                Stderr = ending.Stderr + "\n[dojo] A process of this run was killed for exceeding the memory limit (the kernel's OOM killer).\n",
            },
            { Reason: ProcessEndReason.LimitBreached, Breach: { } breach } =>
                Outcome(ending, facts, breach.Status, breach.ErrorClass) with { Stderr = ending.Stderr + $"\n[dojo] {breach.Message}\n" },
            { Reason: ProcessEndReason.TimedOut } => Outcome(ending, facts, CodeRunStatus.Timeout, "Timeout"),
            { ExitCode: 0 } => Outcome(ending, facts, CodeRunStatus.Success),
            _ => OutcomeOfFailedRun(ending, facts),
        };
    }

    public async Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        // -I keeps the working directory off sys.path, so the agent's own traceback.py cannot run during a check;
        // -B keeps the standard library's imports from writing bytecode.
        var run = await ExecuteAsync(spec, ["-I", "-B", "-c", SyntaxCheckScript, CodePathOf(spec)], limits.SyntaxCheckTimeout,
            watchOutput: false, cancellationToken).ConfigureAwait(false);
        if (run.Refusal is { } refusal)
            return refusal;
        var (ending, facts) = (run.Ending!, run.Facts!);
        return ending switch
        {
            { Reason: ProcessEndReason.Cancelled } => Outcome(ending, facts, CodeRunStatus.Cancelled),
            _ when facts.SandboxFailure is { } failure => Outcome(ending, facts, CodeRunStatus.InfrastructureFailure, "SandboxFailed") with { Stderr = failure },
            { Reason: ProcessEndReason.Exited, ExitCode: 0 } => Outcome(ending, facts, CodeRunStatus.Success),
            { Reason: ProcessEndReason.Exited, ExitCode: SyntaxErrorExitCode } =>
                Outcome(ending, facts, CodeRunStatus.SyntaxError, PythonTraceback.CompileErrorClass(ending.Stderr)),
            _ when facts.OutOfMemoryKilled => Outcome(ending, facts, CodeRunStatus.OutOfMemory, "OutOfMemory"),
            { Reason: ProcessEndReason.TimedOut } => Outcome(ending, facts, CodeRunStatus.Timeout, "Timeout"),
            // The checker itself failed (unreadable file, broken interpreter): the code was never judged.
            _ => Outcome(ending, facts, CodeRunStatus.InfrastructureFailure),
        };
    }

    private async Task<Execution> ExecuteAsync(CodeRunSpec spec, IReadOnlyList<string> arguments, TimeSpan timeout, bool watchOutput,
        CancellationToken cancellationToken)
    {
        if (MissingPrerequisite(spec) is { } missing)
            return new Execution(Refused(missing));
        IsolatedRun run;
        try
        {
            run = isolation.Prepare(spec, arguments, timeout);
        }
        catch (RefusedRun refused)
        {
            return new Execution(Refused(refused.Message));
        }
        await using (run.ConfigureAwait(false))
        {
            var output = watchOutput
                ? new OutputDirectoryGuard(WorkingDirectoryOf(spec), outputCaps.MaxBytesWritten, outputCaps.MaxSubmissionBytes, outputCaps.PollInterval)
                : null;
            IReadOnlyList<IRunGuard> guards = output is null ? run.Guards : [.. run.Guards, output];
            var ending = await SupervisedProcess.RunAsync(run.Launch, run.Tree, guards, cancellationToken).ConfigureAwait(false);
            var facts = run.Finish(ending);
            if (output is not null)
                ending = Settle(ending, output, WorkingDirectoryOf(spec));
            return new Execution(null, ending, facts);
        }
    }

    /// <summary>The last look at the output directory: a burst between polls is caught, a symlinked submission removed.</summary>
    private static ProcessEnding Settle(ProcessEnding ending, OutputDirectoryGuard output, string workingDirectory)
    {
        var notes = "";
        var submission = new FileInfo(Path.Combine(workingDirectory, OutputDirectoryGuard.SubmissionFileName));
        // The silo reads submission.csv with its own rights: a link could make it read (and score) what the code cannot.
        if (submission.Exists || submission.LinkTarget is not null)
        {
            if (submission.LinkTarget is not null)
            {
                submission.Delete();
                notes += $"\n[dojo] {OutputDirectoryGuard.SubmissionFileName} was a symbolic link; it was removed (a submission must be a regular file).\n";
            }
        }
        var breach = ending.Breach ?? (ending.Reason == ProcessEndReason.Exited ? output.Check() : null);
        if (breach is { Status: CodeRunStatus.OutputTooLarge })
        {
            var removed = output.RemoveCreatedFiles();
            notes += $"\n[dojo] {removed} file(s) this run created in the output directory were removed.\n";
        }
        return ending with
        {
            Reason = breach is null ? ending.Reason : ProcessEndReason.LimitBreached,
            Breach = breach,
            Stderr = ending.Stderr + notes,
        };
    }

    /// <summary>Why the run cannot start, for what would otherwise surface as an obscure start or Python error.</summary>
    private string? MissingPrerequisite(CodeRunSpec spec)
    {
        if (!File.Exists(limits.Python))
            return $"Python interpreter '{limits.Python}' does not exist.";
        if (!Directory.Exists(WorkingDirectoryOf(spec)))
            return $"Working directory '{WorkingDirectoryOf(spec)}' does not exist.";
        if (!File.Exists(CodePathOf(spec)))
            return $"Code file '{CodePathOf(spec)}' does not exist.";
        return null;
    }

    public static string WorkingDirectoryOf(CodeRunSpec spec) => Path.GetFullPath(spec.WorkingDirectory);

    // Python resolves a relative code path against its working directory; so does this.
    public static string CodePathOf(CodeRunSpec spec) => Path.Combine(WorkingDirectoryOf(spec), spec.CodePath);

    private CodeRunOutcome Refused(string reason)
    {
        var now = DateTimeOffset.UtcNow;
        return new CodeRunOutcome
        {
            Status = CodeRunStatus.InfrastructureFailure,
            ErrorClass = "RunRefused",
            Stderr = reason,
            StartedAt = now,
            FinishedAt = now,
            Isolation = isolation.Description,
        };
    }

    private CodeRunOutcome OutcomeOfFailedRun(ProcessEnding ending, RunFacts facts)
    {
        // A script that does not compile never ran: the same verdict as the syntax check would have given.
        if (PythonTraceback.CompileErrorClass(ending.Stderr) is { } compileError)
            return Outcome(ending, facts, CodeRunStatus.SyntaxError, compileError);
        var errorClass = PythonTraceback.ErrorClass(ending.Stderr);
        var status = errorClass switch
        {
            not null when PythonTraceback.IsGpuMemoryError(errorClass, ending.Stderr) => CodeRunStatus.GpuOutOfMemory,
            not null when PythonTraceback.IsMemoryError(errorClass) => CodeRunStatus.OutOfMemory,
            _ when facts.ProcessLimitHit => CodeRunStatus.ResourceExceeded,
            _ => CodeRunStatus.CodeError,
        };
        var outcome = Outcome(ending, facts, status, status == CodeRunStatus.ResourceExceeded ? "ProcessLimit" : errorClass);
        return status == CodeRunStatus.ResourceExceeded
            ? outcome with { Stderr = ending.Stderr + "\n[dojo] The run reached its limit on processes and threads.\n" }
            : outcome;
    }

    private CodeRunOutcome Outcome(ProcessEnding ending, RunFacts facts, CodeRunStatus status, string? errorClass = null) => new()
    {
        Status = status,
        ExitCode = ending.ExitCode,
        Stdout = ending.Stdout,
        Stderr = ending.Stderr,
        Duration = ending.Duration,
        ErrorClass = errorClass,
        Traceback = status == CodeRunStatus.Success ? null : PythonTraceback.Excerpt(ending.Stderr),
        StartedAt = ending.StartedAt,
        FinishedAt = ending.FinishedAt,
        CpuTime = facts.CpuTime,
        PeakMemoryBytes = facts.PeakMemoryBytes,
        PeakGpuMemoryBytes = facts.PeakGpuMemoryBytes,
        Isolation = isolation.Description,
    };

    private sealed record Execution(CodeRunOutcome? Refusal, ProcessEnding? Ending = null, RunFacts? Facts = null);
}

/// <summary>What a run may leave in its output directory, and how often that is checked while it runs.</summary>
public sealed record OutputCaps
{
    /// <summary>Bytes a run may add to the output directory (also each file's RLIMIT_FSIZE in the sandbox).</summary>
    public long MaxBytesWritten { get; init; } = 8L * 1024 * 1024 * 1024;
    public long MaxSubmissionBytes { get; init; } = 512L * 1024 * 1024;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}

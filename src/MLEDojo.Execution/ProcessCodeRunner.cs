namespace MLEDojo.Execution;

/// <summary>
/// Runs agent code as a plain child process of this one: a scrubbed environment, a wall-clock timeout, capped
/// output, and a kill of everything the run started once it ends. No isolation beyond that (see the sandbox).
/// </summary>
public sealed class ProcessCodeRunner(ExecutionLimits limits) : ICodeRunner
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
        if (MissingPrerequisite(spec) is { } missing)
            return Refused(missing);
        var launch = LaunchFor(spec, [CodePathOf(spec)], spec.Timeout);
        var ending = await SupervisedProcess.RunAsync(launch, cancellationToken).ConfigureAwait(false);
        return ending switch
        {
            { Reason: ProcessEndReason.Exited, ExitCode: 0 } => Outcome(ending, CodeRunStatus.Success),
            { Reason: ProcessEndReason.Exited } => OutcomeOfFailedRun(ending),
            _ => Outcome(ending, StatusOfUnfinished(ending.Reason)),
        };
    }

    public async Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        // -I keeps the working directory off sys.path, so the agent's own traceback.py cannot run during a check;
        // -B keeps the standard library's imports from writing bytecode.
        if (MissingPrerequisite(spec) is { } missing)
            return Refused(missing);
        var launch = LaunchFor(spec, ["-I", "-B", "-c", SyntaxCheckScript, CodePathOf(spec)], limits.SyntaxCheckTimeout);
        var ending = await SupervisedProcess.RunAsync(launch, cancellationToken).ConfigureAwait(false);
        return ending switch
        {
            { Reason: ProcessEndReason.Exited, ExitCode: 0 } => Outcome(ending, CodeRunStatus.Success),
            { Reason: ProcessEndReason.Exited, ExitCode: SyntaxErrorExitCode } =>
                Outcome(ending, CodeRunStatus.SyntaxError, PythonTraceback.CompileErrorClass(ending.Stderr)),
            // The checker itself failed (unreadable file, broken interpreter): the code was never judged.
            { Reason: ProcessEndReason.Exited } => Outcome(ending, CodeRunStatus.StartFailed),
            _ => Outcome(ending, StatusOfUnfinished(ending.Reason)),
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

    private ProcessLaunch LaunchFor(CodeRunSpec spec, string[] arguments, TimeSpan timeout) => new()
    {
        FileName = limits.Python,
        Arguments = arguments,
        WorkingDirectory = WorkingDirectoryOf(spec),
        Environment = ScrubbedEnvironment.For(spec, WorkingDirectoryOf(spec), Path.GetFullPath(spec.PublicDataDirectory)),
        Timeout = timeout,
        MaxCapturedBytes = limits.MaxCapturedBytes,
    };

    private static string WorkingDirectoryOf(CodeRunSpec spec) => Path.GetFullPath(spec.WorkingDirectory);

    // Python resolves a relative code path against its working directory; so does this.
    private static string CodePathOf(CodeRunSpec spec) => Path.Combine(WorkingDirectoryOf(spec), spec.CodePath);

    private static CodeRunOutcome Refused(string reason)
    {
        var now = DateTimeOffset.UtcNow;
        return new CodeRunOutcome { Status = CodeRunStatus.StartFailed, Stderr = reason, StartedAt = now, FinishedAt = now };
    }

    private static CodeRunOutcome OutcomeOfFailedRun(ProcessEnding ending)
    {
        // A script that does not compile never ran: the same verdict as the syntax check would have given.
        if (PythonTraceback.CompileErrorClass(ending.Stderr) is { } compileError)
            return Outcome(ending, CodeRunStatus.SyntaxError, compileError);
        var errorClass = PythonTraceback.ErrorClass(ending.Stderr);
        var status = errorClass is not null && PythonTraceback.IsMemoryError(errorClass)
            ? CodeRunStatus.ResourceExceeded
            : CodeRunStatus.CodeError;
        return Outcome(ending, status, errorClass);
    }

    private static CodeRunStatus StatusOfUnfinished(ProcessEndReason reason) => reason switch
    {
        ProcessEndReason.TimedOut => CodeRunStatus.Timeout,
        ProcessEndReason.Cancelled => CodeRunStatus.Cancelled,
        ProcessEndReason.FailedToStart => CodeRunStatus.StartFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "An exited process is classified by its exit code."),
    };

    private static CodeRunOutcome Outcome(ProcessEnding ending, CodeRunStatus status, string? errorClass = null) => new()
    {
        Status = status,
        ExitCode = ending.ExitCode,
        Stdout = ending.Stdout,
        Stderr = ending.Stderr,
        Duration = ending.Duration,
        ErrorClass = errorClass,
        StartedAt = ending.StartedAt,
        FinishedAt = ending.FinishedAt,
    };
}

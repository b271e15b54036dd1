namespace MLEDojo.Execution;

/// <summary>
/// No isolation: the interpreter runs as this process's child, and a <see cref="RunMarker"/> in its environment
/// finds what it leaves behind. Nothing is measured.
/// </summary>
internal sealed class UnisolatedRun(ExecutionLimits limits) : IRunIsolation
{
    public const string Warning = "UNISOLATED (development mode): the code ran with this silo's rights, network and files.";

    public string Description => Warning;

    public IsolatedRun Prepare(CodeRunSpec spec, IReadOnlyList<string> pythonArguments, TimeSpan timeout)
    {
        var workingDirectory = CodeRunner.WorkingDirectoryOf(spec);
        return new Prepared(new ProcessLaunch
        {
            FileName = limits.Python,
            Arguments = pythonArguments,
            WorkingDirectory = workingDirectory,
            Environment = ScrubbedEnvironment.For(spec, workingDirectory, Path.GetFullPath(spec.PublicDataDirectory)),
            Timeout = timeout,
            MaxCapturedBytes = limits.MaxCapturedBytes,
            MaxStreamBytes = limits.MaxStreamBytes,
        });
    }

    private sealed class Prepared(ProcessLaunch launch) : IsolatedRun
    {
        public override ProcessLaunch Launch => launch;
        public override IProcessTree Tree { get; } = new RunMarker();
        public override IReadOnlyList<IRunGuard> Guards => [];
        public override RunFacts Finish(ProcessEnding ending) => RunFacts.None;
    }
}

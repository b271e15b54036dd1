namespace MLEDojo.Execution;

/// <summary>Limits and paths every code runner applies, isolated or not.</summary>
public sealed record ExecutionLimits
{
    /// <summary>The interpreter. Debian's /usr/bin/python3 has the ML stack (python3-pandas, python3-sklearn).</summary>
    public string Python { get; init; } = "/usr/bin/python3";
    /// <summary>Bytes of stdout and of stderr kept per run (head and tail halves).</summary>
    public int MaxCapturedBytes { get; init; } = 64 * 1024;
    /// <summary>Bytes stdout or stderr may carry in all; past this the run is killed as output too large.</summary>
    public long MaxStreamBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>Caps on what a run leaves in its output directory.</summary>
    public OutputCaps Output { get; init; } = new();
    /// <summary>Time allowed for a syntax check.</summary>
    public TimeSpan SyntaxCheckTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

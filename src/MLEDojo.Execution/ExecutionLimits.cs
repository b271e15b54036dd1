namespace MLEDojo.Execution;

/// <summary>Limits and paths for <see cref="ProcessCodeRunner"/>.</summary>
public sealed record ExecutionLimits
{
    /// <summary>The interpreter. Debian's /usr/bin/python3 has the ML stack (python3-pandas, python3-sklearn).</summary>
    public string Python { get; init; } = "/usr/bin/python3";
    /// <summary>Bytes of stdout and of stderr kept per run (head and tail halves).</summary>
    public int MaxCapturedBytes { get; init; } = 64 * 1024;
    /// <summary>Time allowed for a syntax check.</summary>
    public TimeSpan SyntaxCheckTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

namespace MLEDojo.Execution;

/// <summary>One process to supervise: what to start, where, with which variables, for how long.</summary>
internal sealed record ProcessLaunch
{
    public required string FileName { get; init; }
    public required IReadOnlyList<string> Arguments { get; init; }
    public required string WorkingDirectory { get; init; }
    /// <summary>The complete environment; nothing else is inherited.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required int MaxCapturedBytes { get; init; }
    /// <summary>Bytes a stream (stdout or stderr) may carry in all before the run is killed as output too large.</summary>
    public long MaxStreamBytes { get; init; } = long.MaxValue;
    /// <summary>The host user the process starts as (set before exec, with that user's groups); null: the silo's.</summary>
    public string? UserName { get; init; }
    /// <summary>What must let the started process go on before it runs anything of the code; null: nothing.</summary>
    public IProcessAdmission? Admission { get; init; }
}

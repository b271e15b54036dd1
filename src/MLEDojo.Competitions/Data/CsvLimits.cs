namespace MLEDojo.Competitions.Data;

/// <summary>Bounds on a CSV the scorer will read, so that a hostile or careless file fails fast with a clear message.</summary>
public sealed record CsvLimits
{
    /// <summary>Largest file accepted, in bytes (default 512 MiB).</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Largest single record, in bytes (an unclosed quote would otherwise swallow the file).</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>Most columns accepted in the header.</summary>
    public int MaxColumns { get; init; } = 100_000;

    public static CsvLimits Default { get; } = new();
}

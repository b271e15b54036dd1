namespace MLEDojo.Competitions.Import;

/// <summary>What an uploaded competition archive may unpack to: counted as it unpacks, never trusted from its headers.</summary>
public sealed record ArchiveLimits
{
    public long MaxExtractedBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    public int MaxEntries { get; init; } = 10_000;
}

namespace MLEDojo.Grains;

/// <summary>What the grains need to know about their silo: where data lives and the limits episodes are held to.</summary>
public sealed record GridOptions
{
    /// <summary>The prepared competitions (MLE-Dojo layout: &lt;root&gt;/&lt;name&gt;/data/{public,private}).</summary>
    public required string CompetitionsRoot { get; init; }
    /// <summary>Each episode's output directory is &lt;root&gt;/&lt;episodeId&gt;/.</summary>
    public required string EpisodesRoot { get; init; }
    /// <summary>This silo's node (silo metadata node.id); GPU device keys are "node/index".</summary>
    public required string NodeId { get; init; }
    /// <summary>The GPU indices this node owns.</summary>
    public IReadOnlyList<int> GpuIndices { get; init; } = [];
    public GridLimits Limits { get; init; } = new();
    /// <summary>Where prepared competitions to register through the gateway are read from; nothing outside it is.</summary>
    public string? CompetitionImportRoot { get; init; }
    public EpisodeExpiry Expiry { get; init; } = new();
}

/// <summary>
/// When running episodes expire: after <see cref="IdleTtl"/> without a reset or step, or <see cref="MaxLifetime"/>
/// after their reset, whichever comes first. A reminder checks every <see cref="CheckPeriod"/>.
/// </summary>
public sealed record EpisodeExpiry
{
    public TimeSpan IdleTtl { get; init; } = TimeSpan.FromHours(24);
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan CheckPeriod { get; init; } = TimeSpan.FromMinutes(1);

    public DateTimeOffset DeadlineAfter(DateTimeOffset lastActivity, DateTimeOffset createdAt)
    {
        var idle = lastActivity + IdleTtl;
        var lifetime = createdAt + MaxLifetime;
        return idle < lifetime ? idle : lifetime;
    }
}

/// <summary>The silo's maxima; an episode's options are checked against them when it resets.</summary>
public sealed record GridLimits
{
    public int CpuExecutionSlots { get; init; } = 2;
    public int MaxSteps { get; init; } = 500;
    public TimeSpan MaxExecutionTimeout { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan MaxEpisodeTimeBudget { get; init; } = TimeSpan.FromHours(48);
    public long MaxSubmissionBytes { get; init; } = 512L * 1024 * 1024;
    public int MaxCapturedOutputBytes { get; init; } = 64 * 1024;
}

/// <summary>Silo metadata keys the grid publishes and reads.</summary>
public static class GridMetadata
{
    public const string NodeId = "node.id";
    /// <summary>Comma-separated GPU indices of the node ("" when it has none).</summary>
    public const string Gpus = "node.gpus";
}

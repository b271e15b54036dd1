namespace MLEDojo.Gateway.Wire;

/// <summary>POST /reset's answer; reward is always null, as in OpenEnv.</summary>
public sealed record ResetResponse(string EpisodeId, WireObservation Observation, double? Reward, bool Done);

/// <summary>POST /step's answer and the WS observation frame's data (OpenEnv's StepResponse).</summary>
public sealed record StepResponse(WireObservation Observation, double? Reward, bool Done);

/// <summary>Every HTTP error: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>GET /health. Auth says plainly what protects the gateway.</summary>
public sealed record HealthResponse(string Status, string Auth);

/// <summary>GET /metadata, OpenEnv's EnvironmentMetadata.</summary>
public sealed record MetadataResponse(string Name, string Description, string? ReadmeContent, string Version, string? Author, string? DocumentationUrl);

/// <summary>GET /state and the WS state frame's data: OpenEnv's State (episode_id, step_count) plus the episode's own fields.</summary>
public sealed record EpisodeStateResponse
{
    public required string EpisodeId { get; init; }
    public int StepCount { get; init; }
    /// <summary>running, done, closed or expired.</summary>
    public required string Status { get; init; }
    public string? Competition { get; init; }
    public string? AgentName { get; init; }
    public int StepsLeft { get; init; }
    public double TotalReward { get; init; }
    public double? BestRawScore { get; init; }
    public double? BestPositionScore { get; init; }
    public string? BestMedal { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>When a running episode expires unless it takes a step first.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Why an expired episode expired.</summary>
    public string? ExpiryReason { get; init; }
}

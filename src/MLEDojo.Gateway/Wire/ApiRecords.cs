namespace MLEDojo.Gateway.Wire;

/// <summary>A competition as /api shows it.</summary>
public sealed record CompetitionResponse
{
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Tldr { get; init; }
    public required string Category { get; init; }
    public required string Level { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>The metric family that scores it.</summary>
    public required string Metric { get; init; }
    public bool HigherIsBetter { get; init; }
    /// <summary>False when the grid cannot score it; <see cref="UnsupportedReason"/> says why.</summary>
    public bool Supported { get; init; }
    public string? UnsupportedReason { get; init; }
    public int PrivateBoardSize { get; init; }
    public int PublicBoardSize { get; init; }
    /// <summary>The creator who registered it; null for competitions the operator placed.</summary>
    public string? Owner { get; init; }
}

/// <summary>GET /api/competitions: the competitions that pass the filters; folders that cannot be loaded are listed under <see cref="Unavailable"/>.</summary>
public sealed record CompetitionListResponse(int Count, IReadOnlyList<CompetitionResponse> Competitions, IReadOnlyList<UnavailableCompetition> Unavailable);

public sealed record UnavailableCompetition(string Name, string Error);

public sealed record CompetitionInfoResponse(string Competition, string InfoType, IReadOnlyDictionary<string, string> Info);

/// <summary>GET /api/competitions/{name}/leaderboard: Kaggle's private and public boards and the live board of episodes.</summary>
public sealed record LeaderboardResponse
{
    public required string Competition { get; init; }
    public bool HigherIsBetter { get; init; }
    public required IReadOnlyList<KaggleRow> Private { get; init; }
    public int PrivateSize { get; init; }
    public required IReadOnlyList<KaggleRow> Public { get; init; }
    public int PublicSize { get; init; }
    /// <summary>Each episode's best submission, best first (ties: earlier first).</summary>
    public required IReadOnlyList<LiveRow> Live { get; init; }
}

public sealed record KaggleRow(int Rank, double Score);

public sealed record LiveRow(int Rank, string AgentName, string EpisodeId, double RawScore, double? PositionScore, string? Medal, DateTimeOffset At);

/// <summary>POST /api/competitions: register the prepared competition in <see cref="Directory"/> (relative to the server's import root) as <see cref="Name"/>.</summary>
public sealed record RegisterCompetitionRequest
{
    public required string Name { get; init; }
    public required string Directory { get; init; }
}

/// <summary>PUT /api/competitions/{name}/tags.</summary>
public sealed record TagsRequest
{
    public required IReadOnlyList<string> Tags { get; init; }
}

public sealed record HistoryResponse(string EpisodeId, IReadOnlyList<WireHistoryEntry> Steps);

/// <summary>One line of GET /api/episodes/{id}/trajectory (JSON Lines).</summary>
public sealed record TrajectoryStep
{
    public int Step { get; init; }
    public required string RequestId { get; init; }
    public required TrajectoryAction Action { get; init; }
    public required WireObservation Observation { get; init; }
    public double? Reward { get; init; }
    public bool Done { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public double DurationS { get; init; }
}

public sealed record TrajectoryAction(string ActionType, string? InfoType, string? Code);

/// <summary>POST /api/keys.</summary>
public sealed record CreateKeyRequest
{
    /// <summary>user, creator or admin.</summary>
    public required string Scope { get; init; }
    public required string Owner { get; init; }
}

/// <summary>A minted key: <see cref="Token"/> is shown this once; only a salted hash of its secret is kept.</summary>
public sealed record CreatedKeyResponse(string Token, string Lookup, string Scope, string Owner);

public sealed record KeyResponse(string Lookup, string Scope, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record KeyListResponse(IReadOnlyList<KeyResponse> Keys);

namespace MLEDojo.Abstractions.Arena;

/// <summary>How a submission's agent is run: a built-in agent, the LLM agent against a model endpoint, or an uploaded script.</summary>
public enum AgentKind { BuiltIn, Llm, Script }

/// <summary>The LLM agent's model server (any OpenAI-compatible endpoint) and the budgets it keeps within.</summary>
[GenerateSerializer, Immutable]
public sealed record LlmEndpoint
{
    [Id(0)] public required string Url { get; init; }
    [Id(1)] public required string Model { get; init; }
    /// <summary>Sent as a bearer token; never shown back in a status.</summary>
    [Id(2)] public string? ApiKey { get; init; }
    [Id(3)] public double Temperature { get; init; }
    /// <summary>How long one completion may take before it is abandoned and asked again (null: the agent's default, 3 minutes).</summary>
    [Id(4)] public int? TimeoutSeconds { get; init; }
}

/// <summary>
/// What a participant submits: the agent the grid runs by itself, the competitions it is evaluated on (named, or a
/// competition set such as <c>lite</c>), and how many episodes it plays on each.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SubmissionDefinition
{
    /// <summary>A display name for leaderboards (defaults to the agent's name).</summary>
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public AgentKind Kind { get; init; } = AgentKind.BuiltIn;
    /// <summary>The built-in agent (info-only, sample-submission, scripted) when <see cref="Kind"/> is BuiltIn.</summary>
    [Id(2)] public string? Agent { get; init; }
    [Id(3)] public LlmEndpoint? Llm { get; init; }
    [Id(4)] public IReadOnlyList<string> Competitions { get; init; } = [];
    /// <summary>A named set of competitions (see the arena's competition sets), instead of or besides <see cref="Competitions"/>.</summary>
    [Id(5)] public string? CompetitionSet { get; init; }
    [Id(6)] public int EpisodesPerCompetition { get; init; } = 1;
    [Id(7)] public int MaxSteps { get; init; } = 10;
    [Id(8)] public int ExecutionTimeoutSeconds { get; init; } = 600;
    /// <summary>Free labels leaderboards filter by.</summary>
    [Id(9)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(10)] public int Seed { get; init; }
}

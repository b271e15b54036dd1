using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Submissions;

/// <summary>
/// Checks what can be checked of a definition without the grid (bounds, the agent's settings, competition names);
/// every problem is listed, each saying what to change.
/// </summary>
public static class DefinitionCheck
{
    public static IReadOnlyList<string> Problems(SubmissionDefinition definition, ArenaOptions options)
    {
        var problems = new List<string>();
        switch (definition.Kind)
        {
            case AgentKind.BuiltIn when string.IsNullOrWhiteSpace(definition.Agent):
                problems.Add("agent is required for a built_in submission (info-only, sample-submission or scripted).");
                break;
            case AgentKind.Llm when definition.Llm is null:
                problems.Add("llm (url, model) is required for an llm submission.");
                break;
            case AgentKind.Llm when !Uri.TryCreate(definition.Llm.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"):
                problems.Add($"llm.url '{definition.Llm.Url}' is not an http(s) URL.");
                break;
            case AgentKind.Llm when string.IsNullOrWhiteSpace(definition.Llm.Model):
                problems.Add("llm.model is required.");
                break;
            case AgentKind.Llm when definition.Llm.TimeoutSeconds is < 1 or > 3600:
                problems.Add($"llm.timeout_seconds is {definition.Llm.TimeoutSeconds}; it must be between 1 and 3600.");
                break;
        }
        if (definition.Kind != AgentKind.BuiltIn && definition.Agent is not null)
            problems.Add($"agent names a built-in agent; a {SnakeCase(definition.Kind)} submission takes none.");
        if (definition.Kind != AgentKind.Llm && definition.Llm is not null)
            problems.Add($"llm is only for llm submissions, not {SnakeCase(definition.Kind)}.");

        IReadOnlyList<string> competitions = [];
        try { competitions = CompetitionSets.Resolve(definition.CompetitionSet, definition.Competitions); }
        catch (ArgumentException e) { problems.Add(e.Message); }
        if (competitions.Count == 0 && definition.CompetitionSet is null)
            problems.Add("Name at least one competition (competitions) or a competition set (competition_set).");
        if (competitions.Count > options.MaxCompetitions)
            problems.Add($"{competitions.Count} competitions is more than this arena's limit of {options.MaxCompetitions}.");
        foreach (var bad in competitions.Where(n => n.Length is 0 or > 200 || n.Contains('/') || n.Contains("..") || n.Trim() != n))
            problems.Add($"'{bad}' is not a competition name.");

        Bounded(problems, "episodes_per_competition", definition.EpisodesPerCompetition, 1, options.MaxEpisodesPerCompetition);
        Bounded(problems, "max_steps", definition.MaxSteps, 1, options.MaxStepsPerEpisode);
        Bounded(problems, "execution_timeout_seconds", definition.ExecutionTimeoutSeconds, 1, options.MaxExecutionTimeoutSeconds);
        if (definition.Name is { } name && (name.Length > 100 || name.Trim().Length == 0))
            problems.Add("name needs 1-100 characters.");
        if (definition.Tags.Count > 20 || definition.Tags.Any(t => t.Length is 0 or > 40 || t.Trim() != t))
            problems.Add("tags: at most 20, each 1-40 characters without surrounding spaces.");
        return problems;
    }

    private static void Bounded(List<string> problems, string field, int value, int min, int max)
    {
        if (value < min || value > max) problems.Add($"{field} is {value}; it must be between {min} and {max}.");
    }

    private static string SnakeCase(AgentKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}

using MLEDojo.Abstractions;

namespace MLEDojo.Rollouts.Planning;

/// <summary>What to roll out: every agent on every competition with every seed, <see cref="Episodes"/> times each.</summary>
public sealed record RolloutSpec
{
    public string Env { get; init; } = Targets.RolloutEnvs.Mle;
    public required IReadOnlyList<string> Agents { get; init; }
    public required IReadOnlyList<string> Competitions { get; init; }
    public IReadOnlyList<int> Seeds { get; init; } = [0];
    /// <summary>Repetitions per (competition, agent, seed).</summary>
    public int Episodes { get; init; } = 1;
    public int MaxSteps { get; init; } = 10;
    public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan EpisodeTimeBudget { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every planned episode, repetitions outermost, so a run cut short has covered every group about evenly.</summary>
    public IReadOnlyList<PlannedEpisode> Expand(string runId) =>
        (from repetition in Enumerable.Range(0, Episodes)
         from seed in Seeds
         from agent in Agents
         from competition in Competitions
         select new PlannedEpisode(runId, Env, competition, agent, seed, repetition)).ToArray();

    public EpisodeOptions OptionsFor(PlannedEpisode episode, string recordedAgentName) => new()
    {
        Competition = episode.Competition,
        AgentName = recordedAgentName,
        Seed = episode.Seed,
        MaxSteps = MaxSteps,
        ExecutionTimeout = ExecutionTimeout,
        EpisodeTimeBudget = EpisodeTimeBudget,
        ScoreMode = ScoreMode.Position,
    };
}

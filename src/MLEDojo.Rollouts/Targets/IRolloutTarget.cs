using MLEDojo.Abstractions;

namespace MLEDojo.Rollouts.Targets;

/// <summary>
/// Where rollouts play: a grid reached in-process (<see cref="GrainRolloutTarget"/>) or over the gateway's HTTP API
/// (<see cref="HttpRolloutTarget"/>). <see cref="Envs"/> names the environment kinds it serves, so a new kind plugs in
/// as a target (or a target serving more kinds) without touching the runner.
/// </summary>
public interface IRolloutTarget
{
    /// <summary>Where the episodes run, for progress and reports.</summary>
    string Description { get; }

    IReadOnlyList<string> Envs { get; }

    /// <summary>A handle on episode <paramref name="gridEpisodeId"/>; nothing is called yet.</summary>
    IRolloutEpisode Open(string env, string gridEpisodeId);
}

/// <summary>One episode on a target. Calls carry request ids, so a retried call never runs an action twice.</summary>
public interface IRolloutEpisode
{
    Task<StepResult> ResetAsync(EpisodeOptions options, CancellationToken cancellationToken);

    Task<StepResult> StepAsync(EpisodeAction action, string requestId, CancellationToken cancellationToken);

    /// <summary>Frees the episode on the grid, when the target can (the HTTP API has no close: its episodes end when done).</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}

/// <summary>The environment kinds rollouts know; "mle" is MLE-Dojo's competitions.</summary>
public static class RolloutEnvs
{
    public const string Mle = "mle";
}

using MLEDojo.Abstractions;
using MLEDojo.Client;

namespace MLEDojo.Rollouts.Targets;

/// <summary>A grid reached through a grain factory: an embedded silo's own, or an Orleans client's.</summary>
public sealed class GrainRolloutTarget(IGrainFactory grains, string description) : IRolloutTarget
{
    private readonly DojoClient _client = new(grains);

    public string Description => description;

    public IReadOnlyList<string> Envs { get; } = [RolloutEnvs.Mle];

    public IRolloutEpisode Open(string env, string gridEpisodeId) => new Episode(_client.Resume(gridEpisodeId));

    private sealed class Episode(EpisodeSession session) : IRolloutEpisode
    {
        public Task<StepResult> ResetAsync(EpisodeOptions options, CancellationToken cancellationToken) => session.ResetAsync(options, cancellationToken);

        public Task<StepResult> StepAsync(EpisodeAction action, string requestId, CancellationToken cancellationToken) =>
            session.StepAsync(action, requestId, cancellationToken);

        public Task CloseAsync(CancellationToken cancellationToken) => session.CloseAsync(cancellationToken);
    }
}

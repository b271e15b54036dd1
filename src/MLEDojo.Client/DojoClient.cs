using MLEDojo.Abstractions;

namespace MLEDojo.Client;

/// <summary>
/// The entry point for .NET callers: opens episodes and reads competitions and leaderboards. Works over any
/// <see cref="IGrainFactory"/>: an external <c>IClusterClient</c> or a silo's own, when co-hosted.
/// </summary>
public sealed class DojoClient(IGrainFactory grains, StepRetryPolicy? retryPolicy = null)
{
    private readonly StepRetryPolicy _retry = retryPolicy ?? StepRetryPolicy.Default;

    /// <summary>Starts a new episode (a fresh id unless one is given) and returns its session after reset.</summary>
    public async Task<EpisodeSession> StartEpisodeAsync(EpisodeOptions options, string? episodeId = null, CancellationToken cancellationToken = default)
    {
        var session = Resume(episodeId ?? NewEpisodeId());
        await session.ResetAsync(options, cancellationToken);
        return session;
    }

    /// <summary>Starts a DataSelect episode on <paramref name="taskId"/> (easy, medium, hard); the same seed gives the same episode.</summary>
    public Task<EpisodeSession> StartDataSelectEpisodeAsync(string taskId, int seed = 42, string agentName = "anonymous", string? episodeId = null, CancellationToken cancellationToken = default) =>
        StartEpisodeAsync(EpisodeOptions.DataSelect(taskId, seed, agentName), episodeId, cancellationToken);

    /// <summary>A session for an existing episode (for example after the client restarted); nothing is called yet.</summary>
    public EpisodeSession Resume(string episodeId) =>
        new(episodeId, grains.GetGrain<IEpisodeGrain>(episodeId), _retry);

    public Task<CompetitionSummary> DescribeCompetitionAsync(string competition) =>
        grains.GetGrain<ICompetitionGrain>(competition).Describe();

    public Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(string competition, int top = 20) =>
        grains.GetGrain<ICompetitionGrain>(competition).GetLeaderboard(top);

    public static string NewEpisodeId() => "ep-" + Guid.NewGuid().ToString("N");
}

using MLEDojo.Abstractions;
using MLEDojo.Client;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Gateway.Episodes;

/// <summary>
/// The episode operations both transports share. Grain calls are never tied to the caller's connection: a step
/// whose client went away still finishes and is recorded, so a retry with its request id gets the answer.
/// </summary>
public sealed class EpisodeGateway(EpisodeGrains grains)
{
    /// <summary>Starts an episode, or resumes it when <see cref="ResetRequest.EpisodeId"/> names one that was already reset.</summary>
    public async Task<ResetResponse> ResetAsync(ResetRequest request)
    {
        EpisodeOptionsReader.Env(request);
        if (request.EpisodeId is { } requested)
        {
            CheckEpisodeId(requested);
            var existing = await GridCall.Run(() => grains.Get(requested).GetSnapshot());
            if (existing.Status == EpisodeStatus.Expired) throw Expired(existing);
            if (existing.Status != EpisodeStatus.New)
                return await ResumeAsync(existing, request);
        }

        var options = EpisodeOptionsReader.Read(request);
        var episodeId = request.EpisodeId ?? DojoClient.NewEpisodeId();
        var result = await GridCall.Run(() => grains.Get(episodeId).Reset(options));
        if (result.Error is { } error) throw GatewayError.Validation(error);
        return new ResetResponse(episodeId, WireMapper.Observation(result), null, result.Done);
    }

    public async Task<StepResponse> StepAsync(string episodeId, WireAction action, string? requestId)
    {
        CheckEpisodeId(episodeId);
        var grain = grains.Get(episodeId);
        var result = await GridCall.Run(() => grain.Step(action.ToEpisodeAction(), requestId));
        // Only a refused step can be on an episode that was never reset or has expired; ask then rather than on every step.
        if (result.Error is not null)
        {
            var snapshot = await GridCall.Run(grain.GetSnapshot);
            if (snapshot.Status == EpisodeStatus.New) throw GatewayError.UnknownEpisode(episodeId);
            if (snapshot.Status == EpisodeStatus.Expired) throw Expired(snapshot);
        }
        return WireMapper.Step(result);
    }

    public async Task<HistoryResponse> HistoryAsync(string episodeId)
    {
        var grain = await ExistingGrainAsync(episodeId);
        return new HistoryResponse(episodeId, (await GridCall.Run(grain.GetHistory)).Select(WireMapper.History).ToArray());
    }

    public async Task<IReadOnlyList<TrajectoryStep>> TrajectoryAsync(string episodeId)
    {
        var grain = await ExistingGrainAsync(episodeId);
        return (await GridCall.Run(grain.GetHistory)).Select(WireMapper.Trajectory).ToArray();
    }

    public async Task<EpisodeStateResponse> StateAsync(string episodeId) =>
        WireMapper.State(await ExistingAsync(episodeId, grain => grain.GetSnapshot()));

    public async Task<EpisodeStateResponse> CloseAsync(string episodeId) =>
        WireMapper.State(await ExistingAsync(episodeId, grain => grain.Close()));

    private async Task<ResetResponse> ResumeAsync(EpisodeSnapshot snapshot, ResetRequest request)
    {
        var options = snapshot.Options!;
        EpisodeOptionsReader.CheckResumable(snapshot.EpisodeId, options, request);
        var history = await GridCall.Run(() => grains.Get(snapshot.EpisodeId).GetHistory());
        var done = snapshot.Status is EpisodeStatus.Done or EpisodeStatus.Closed or EpisodeStatus.Expired;
        var elapsed = DateTimeOffset.UtcNow - (snapshot.CreatedAt ?? DateTimeOffset.UtcNow);
        var observation = new WireObservation
        {
            ActionStatus = Observation.Success,
            Feedback = $"Resumed episode '{snapshot.EpisodeId}' on {EpisodeOptionsReader.Describe(options)} after {snapshot.StepsTaken} steps ({snapshot.Status.ToString().ToLowerInvariant()}).",
            BestRawScore = snapshot.BestRawScore,
            BestPositionScore = snapshot.BestPositionScore,
            HistorySummary = history.Count > 0 ? history[^1].Result.Observation.HistorySummary : "",
            StepsTaken = snapshot.StepsTaken,
            StepsLeft = Math.Max(0, options.MaxSteps - snapshot.StepsTaken),
            TimeLeftS = Math.Max(0, (options.EpisodeTimeBudget - elapsed).TotalSeconds),
        };
        return new ResetResponse(snapshot.EpisodeId, WireMapper.DataSelect(observation, snapshot.DataSelect), null, done);
    }

    private async Task<EpisodeSnapshot> ExistingAsync(string episodeId, Func<IEpisodeGrain, Task<EpisodeSnapshot>> call)
    {
        var grain = await ExistingGrainAsync(episodeId);
        return await GridCall.Run(() => call(grain));
    }

    private async Task<IEpisodeGrain> ExistingGrainAsync(string episodeId)
    {
        CheckEpisodeId(episodeId);
        var grain = grains.Get(episodeId);
        if ((await GridCall.Run(grain.GetSnapshot)).Status == EpisodeStatus.New) throw GatewayError.UnknownEpisode(episodeId);
        return grain;
    }

    private static GatewayError Expired(EpisodeSnapshot snapshot) =>
        GatewayError.Expired($"Episode '{snapshot.EpisodeId}' expired: {snapshot.ExpiryReason}. Its files are released; start a new episode (its state and trajectory stay readable).");

    /// <summary>Episode ids name grains and folders; an empty or huge one is the caller's mistake, not a missing episode.</summary>
    private static void CheckEpisodeId(string episodeId)
    {
        if (episodeId.Length is 0 or > 200)
            throw GatewayError.Validation("episode_id must have 1-200 characters.", "$.episode_id");
    }
}

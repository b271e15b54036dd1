using MLEDojo.Abstractions;
using MLEDojo.Client;
using MLEDojo.Gateway.Episodes;
using MLEDojo.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// The episode operations as a caller may use them: an episode belongs to the owner of the key that reset it, and only
/// that owner (or an admin) may step, read, resume or close it; each key's open episodes and executions are bounded.
/// Someone else's episode answers 403 because its id was chosen by, or shown to, its owner only; an episode with
/// no recorded owner (started while auth was off) is the operator's, so users get 403 for it too.
/// </summary>
public sealed class AuthorizedEpisodes(EpisodeGateway episodes, IServiceProvider services, EpisodeGrains grains, ExecutionRateLimiter executions, ExecutionBackPressure backPressure, IOptions<DojoGatewayOptions> options)
{
    private static readonly TimeSpan OpenEpisodesRetryAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CapacityRetryAfter = TimeSpan.FromSeconds(15);
    private readonly DojoGatewayOptions _options = options.Value;
    // Resolved lazily: a gateway with auth off needs no store and must start without one.
    private ApiKeyStore Store => (ApiKeyStore)services.GetService(typeof(ApiKeyStore))!;

    public async Task<ResetResponse> ResetAsync(GatewayCaller caller, ResetRequest request)
    {
        if (caller.KeyLookup is null)
        {
            if (await backPressure.RefusalAsync(ResourceClassOf(request)) is { } full && (request.EpisodeId is null || !await ExistsAsync(request.EpisodeId)))
                throw AtCapacity(full);
            return await episodes.ResetAsync(request);
        }
        var episodeId = request.EpisodeId ?? DojoClient.NewEpisodeId();
        CheckRunKey(caller, episodeId);
        if (episodeId.Length is 0 or > 200) return await episodes.ResetAsync(request);
        var owner = await Store.EpisodeOwnerAsync(episodeId);
        if (owner is null)
        {
            if (!caller.IsAdmin && await ExistsAsync(episodeId)) throw NotYours(episodeId);
            // Resuming is never refused: only new episodes add to the execution queues.
            if (await backPressure.RefusalAsync(ResourceClassOf(request)) is { } full && !await ExistsAsync(episodeId)) throw AtCapacity(full);
            await CheckOpenEpisodesAsync(caller);
            owner = await Store.ClaimEpisodeAsync(episodeId, caller);
        }
        if (owner != caller.Owner && !caller.IsAdmin) throw NotYours(episodeId);
        return await episodes.ResetAsync(request with { EpisodeId = episodeId });
    }

    /// <summary>
    /// One step. <paramref name="ownerChecked"/>: the caller's right to the episode was already checked by the reset
    /// that opened it on this connection (owners never change), so the store is not asked again on every step.
    /// </summary>
    public async Task<StepResponse> StepAsync(GatewayCaller caller, string episodeId, WireAction action, string? requestId, bool ownerChecked = false)
    {
        if (!ownerChecked) await CheckOwnerAsync(caller, episodeId);
        if (action is ExecuteCodeAction && caller.KeyLookup is { } lookup && executions.TryStart(lookup, _options.ExecutionsPerMinutePerKey) is { } wait)
            throw GatewayError.QuotaExceeded($"This key may start {_options.ExecutionsPerMinutePerKey} executions a minute; retry in {Math.Ceiling(wait.TotalSeconds)} s.", wait);
        return action is ExecuteCodeAction or ValidateCodeAction
            ? await backPressure.RunAsync(() => episodes.StepAsync(episodeId, action, requestId))
            : await episodes.StepAsync(episodeId, action, requestId);
    }

    public async Task<EpisodeStateResponse> StateAsync(GatewayCaller caller, string episodeId, bool ownerChecked = false)
    {
        if (!ownerChecked) await CheckOwnerAsync(caller, episodeId);
        return await episodes.StateAsync(episodeId);
    }

    public async Task<HistoryResponse> HistoryAsync(GatewayCaller caller, string episodeId)
    {
        await CheckOwnerAsync(caller, episodeId);
        return await episodes.HistoryAsync(episodeId);
    }

    public async Task<IReadOnlyList<TrajectoryStep>> TrajectoryAsync(GatewayCaller caller, string episodeId)
    {
        await CheckOwnerAsync(caller, episodeId);
        return await episodes.TrajectoryAsync(episodeId);
    }

    public async Task<EpisodeStateResponse> CloseAsync(GatewayCaller caller, string episodeId)
    {
        await CheckOwnerAsync(caller, episodeId);
        var state = await episodes.CloseAsync(episodeId);
        if (caller.KeyLookup is not null) await Store.MarkEpisodeEndedAsync(episodeId);
        return state;
    }

    private async Task CheckOwnerAsync(GatewayCaller caller, string episodeId)
    {
        CheckRunKey(caller, episodeId);
        if (caller.IsAdmin || episodeId.Length is 0 or > 200) return;
        var owner = await Store.EpisodeOwnerAsync(episodeId);
        if (owner is null && !await ExistsAsync(episodeId)) return; // EpisodeGateway answers the unknown episode
        if (owner != caller.Owner) throw NotYours(episodeId);
    }

    /// <summary>
    /// Episodes end on their own (steps or time run out), so the store's open count is an upper bound; only when it
    /// reaches the quota are the key's episodes asked, and the ended ones marked, before refusing.
    /// </summary>
    private async Task CheckOpenEpisodesAsync(GatewayCaller caller)
    {
        var open = await Store.OpenEpisodesAsync(caller.KeyLookup!);
        if (open.Count < _options.MaxOpenEpisodesPerKey) return;
        var stillOpen = 0;
        foreach (var id in open)
        {
            var status = (await grains.Get(id).GetSnapshot()).Status;
            if (status is EpisodeStatus.Running) stillOpen++;
            else await Store.MarkEpisodeEndedAsync(id); // ended, or a reset that failed
        }
        if (stillOpen >= _options.MaxOpenEpisodesPerKey)
            throw GatewayError.QuotaExceeded($"This key has {stillOpen} open episodes, its limit; close one (a close frame) or let one finish.", OpenEpisodesRetryAfter);
    }

    /// <summary>A key made for an arena script run plays its run's episode and no other, not even its owner's.</summary>
    private static void CheckRunKey(GatewayCaller caller, string episodeId)
    {
        if (caller.OnlyEpisode is { } only && episodeId != only)
            throw GatewayError.Forbidden($"This key was made for one arena run: it may play episode '{only}' only.");
    }

    private async Task<bool> ExistsAsync(string episodeId) =>
        (await grains.Get(episodeId).GetSnapshot()).Status != EpisodeStatus.New;

    private static GatewayError AtCapacity(string reason) => GatewayError.CapacityReached(reason, CapacityRetryAfter);

    private static ResourceClass ResourceClassOf(ResetRequest request) => request.Options?.ResourceClass ?? ResourceClass.Cpu;

    private static GatewayError NotYours(string episodeId) => GatewayError.Forbidden($"Episode '{episodeId}' belongs to someone else.");
}

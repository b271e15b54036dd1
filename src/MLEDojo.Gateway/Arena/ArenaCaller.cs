using MLEDojo.Abstractions.Arena;
using MLEDojo.Gateway.Auth;
using Microsoft.AspNetCore.Http;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Who calls a submission route (authenticated by <see cref="GatewayAuthMiddleware"/> for user and admin keys), and
/// what they may touch: users their own submissions, admins any.
/// </summary>
internal static class ArenaCaller
{
    /// <summary>The caller; a key made for an agent script's run is refused (it may play its episode, nothing more).</summary>
    public static GatewayCaller Of(HttpContext context)
    {
        var caller = GatewayAuthMiddleware.Caller(context);
        return caller.OnlyEpisode is null ? caller
            : throw GatewayError.Forbidden("This key was made for one arena run: it may play its episode, not manage submissions.");
    }

    /// <summary>The submission, when it exists and the caller may see it: 404 otherwise, 403 for someone else's.</summary>
    public static async Task<(ISubmissionGrain Grain, SubmissionStatus Status)> OwnedAsync(HttpContext context, IGrainFactory grains, string id)
    {
        var caller = Of(context);
        var grain = grains.GetGrain<ISubmissionGrain>(id);
        var status = await grain.GetStatus() ?? throw GatewayError.NotFound($"No submission '{id}'.");
        if (!caller.IsAdmin && status.Owner != caller.Owner)
            throw GatewayError.Forbidden($"Submission '{id}' belongs to another user.");
        return (grain, status);
    }
}

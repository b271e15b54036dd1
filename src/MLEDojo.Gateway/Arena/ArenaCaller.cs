using MLEDojo.Abstractions.Arena;
using MLEDojo.Gateway.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Who calls an arena route, and what they may touch: users their own submissions, admins any; creator keys do
/// not submit. Leaderboards are public reads (ML Arena's) and need no key.
/// </summary>
internal static class ArenaCaller
{
    public static async Task<GatewayCaller> AuthenticateAsync(HttpContext context)
    {
        if (context.RequestServices.GetRequiredService<IOptions<DojoGatewayOptions>>().Value.InsecureNoAuth) return GatewayCaller.Unauthenticated;
        var caller = await GatewayAuthMiddleware.AuthenticateAsync(context.Request, context.RequestServices.GetRequiredService<ApiKeyStore>());
        if (caller.Scope == ApiKeyScope.Creator)
            throw GatewayError.Forbidden("Submissions need a user or admin key; this is a creator key.");
        return caller;
    }

    /// <summary>The submission, when it exists and the caller may see it: 404 otherwise, 403 for someone else's.</summary>
    public static async Task<(ISubmissionGrain Grain, SubmissionStatus Status)> OwnedAsync(HttpContext context, IGrainFactory grains, string id, GatewayCaller caller)
    {
        var grain = grains.GetGrain<ISubmissionGrain>(id);
        var status = await grain.GetStatus() ?? throw new GatewayError(WsErrorCodes.SessionError, System.Net.HttpStatusCode.NotFound, $"No submission '{id}'.");
        if (!caller.IsAdmin && status.Owner != caller.Owner)
            throw GatewayError.Forbidden($"Submission '{id}' belongs to another user.");
        return (grain, status);
    }
}

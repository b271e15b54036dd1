using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Authenticates every gateway route but /health before it runs: 401 for a missing, malformed, unknown or revoked
/// token, 403 for a scope the route does not serve. WS /ws is checked the same way, before the upgrade, so a refused
/// client gets an HTTP status (what OpenEnv's and the websockets library's clients report) instead of a socket.
/// </summary>
internal static class GatewayAuthMiddleware
{
    private const string CallerKey = "mledojo.gateway.caller";
    // Routing matches paths case-insensitively and with a trailing slash, so these sets must too.
    private static readonly HashSet<string> EpisodePaths = new(["/ws", "/reset", "/step", "/state"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> DescriptionPaths = new(["/schema", "/metadata", "/openapi.json"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The authenticated caller. A request that reached an episode route without passing the check (a path spelling
    /// the sets above missed) is refused rather than served as the operator.
    /// </summary>
    public static GatewayCaller Caller(HttpContext context) =>
        context.Items[CallerKey] as GatewayCaller
        ?? (context.RequestServices.GetRequiredService<IOptions<DojoGatewayOptions>>().Value.InsecureNoAuth
            ? GatewayCaller.Unauthenticated
            : throw GatewayError.Unauthorized("An API key is required: Authorization: Bearer mlk_<scope>_<lookup>_<secret>."));

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var path = (context.Request.Path.Value ?? "").TrimEnd('/');
        var options = context.RequestServices.GetRequiredService<IOptions<DojoGatewayOptions>>().Value;
        if (options.InsecureNoAuth || !(EpisodePaths.Contains(path) || DescriptionPaths.Contains(path)))
        {
            await next();
            return;
        }
        try
        {
            var caller = await AuthenticateAsync(context.Request, context.RequestServices.GetRequiredService<ApiKeyStore>());
            if (EpisodePaths.Contains(path) && caller.Scope == ApiKeyScope.Creator)
                throw GatewayError.Forbidden($"{path} needs a user or admin key; this is a {caller.Scope.Name()} key.");
            context.Items[CallerKey] = caller;
        }
        catch (GatewayError e)
        {
            if (e.Status == System.Net.HttpStatusCode.Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(new ErrorResponse(e.Message), GatewayJson.Options, statusCode: (int)e.Status).ExecuteAsync(context);
            return;
        }
        await next();
    }

    internal static async Task<GatewayCaller> AuthenticateAsync(HttpRequest request, ApiKeyStore store)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) throw GatewayError.Unauthorized("An API key is required: Authorization: Bearer mlk_<scope>_<lookup>_<secret>.");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || ApiKeyToken.TryParse(header["Bearer ".Length..].Trim()) is not { } token)
            throw GatewayError.Unauthorized("The Authorization header is not 'Bearer mlk_<scope>_<lookup>_<secret>'.");
        return await store.AuthenticateAsync(token) ?? throw GatewayError.Unauthorized("Unknown or revoked API key.");
    }
}

using MLEDojo.Gateway.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Authenticates every route that carries <see cref="RequiredScopes"/> (all but /health) before it runs: 401 for a
/// missing, malformed, unknown or revoked token, 403 for a scope the route does not serve. It runs after routing, so
/// it sees the route exactly as routing matched it (any case, trailing slash). WS /ws is checked the same way, before
/// the upgrade, so a refused client gets an HTTP status (what OpenEnv's and the websockets library's clients report)
/// instead of a socket.
/// </summary>
internal static class GatewayAuthMiddleware
{
    private const string CallerKey = "mledojo.gateway.caller";

    /// <summary>
    /// The authenticated caller. A request that reached a gateway route without passing the check (one mapped
    /// without its scopes) is refused rather than served as the operator.
    /// </summary>
    public static GatewayCaller Caller(HttpContext context) =>
        context.Items[CallerKey] as GatewayCaller
        ?? (context.RequestServices.GetRequiredService<IOptions<DojoGatewayOptions>>().Value.InsecureNoAuth
            ? GatewayCaller.Unauthenticated
            : throw GatewayError.Unauthorized("An API key is required: Authorization: Bearer mlk_<scope>_<lookup>_<secret>."));

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScopes>();
        var options = context.RequestServices.GetRequiredService<IOptions<DojoGatewayOptions>>().Value;
        if (options.InsecureNoAuth || required is null)
        {
            await next();
            return;
        }
        try
        {
            var browser = context.GetEndpoint()!.Metadata.GetMetadata<KeyAsBasicPassword>() is not null;
            var caller = await AuthenticateAsync(context.Request, context.RequestServices, browser);
            if (!required.Scopes.Contains(caller.Scope))
                throw GatewayError.Forbidden($"{context.Request.Method} {context.Request.Path} needs a {required.Describe()} key; this is a {caller.Scope.Name()} key.");
            context.Items[CallerKey] = caller;
        }
        catch (GatewayError e)
        {
            var result = GatewayResults.Error(e, context.Response);
            if (e.Status == System.Net.HttpStatusCode.Unauthorized && context.GetEndpoint()!.Metadata.GetMetadata<KeyAsBasicPassword>() is not null)
                context.Response.Headers.WWWAuthenticate = new(["Bearer", KeyAsBasicPassword.Challenge]);
            await result.ExecuteAsync(context);
            return;
        }
        await next();
    }

    /// <param name="browser">The route takes the key as a Basic password too (<see cref="KeyAsBasicPassword"/>).</param>
    private static async Task<GatewayCaller> AuthenticateAsync(HttpRequest request, IServiceProvider services, bool browser)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0) throw GatewayError.Unauthorized("An API key is required: Authorization: Bearer mlk_<scope>_<lookup>_<secret>.");
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : browser ? KeyAsBasicPassword.Password(header)
            : null;
        if (presented is null || ApiKeyToken.TryParse(presented) is not { } token)
            throw GatewayError.Unauthorized(browser
                ? "The Authorization header is not 'Bearer mlk_<scope>_<lookup>_<secret>' nor Basic credentials whose password is such a key."
                : "The Authorization header is not 'Bearer mlk_<scope>_<lookup>_<secret>'.");
        // An arena script run's key lives in this process only; every other key is in the store.
        return services.GetService<Arena.ScriptRunKeys>()?.Authenticate(token)
            ?? await services.GetRequiredService<ApiKeyStore>().AuthenticateAsync(token)
            ?? throw GatewayError.Unauthorized("Unknown or revoked API key.");
    }
}

using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MLEDojo.Gateway;

public static class GatewayEndpointExtensions
{
    /// <summary>
    /// Maps the gateway: WS /ws (OpenEnv's frames), POST /reset, POST /step, GET /state, GET /health, /schema,
    /// /metadata, data-select's GET /tasks, GET /baseline and POST /grader, the REST routes under /api, and the
    /// OpenAPI document at /openapi.json, and the Orleans Dashboard at /dashboard (admins) when configured; every route but
    /// /health takes an API key. Needs <see cref="GatewayServiceCollectionExtensions.AddDojoGateway"/>.
    /// </summary>
    public static TApp MapDojoGateway<TApp>(this TApp app) where TApp : IApplicationBuilder, IEndpointRouteBuilder
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DojoGatewayOptions>>().Value;
        // Opening the key store here fails a misconfigured host at start rather than at its first request.
        if (!options.InsecureNoAuth)
            app.ServiceProvider.GetRequiredService<ApiKeyStore>();
        // Routing first, so the auth check reads each route's RequiredScopes as routing matched it.
        app.UseRouting();
        app.Use((context, next) => GatewayAuthMiddleware.InvokeAsync(context, () => next(context)));
        app.UseWebSockets();
        DescriptionEndpoints.Map(app);
        HttpEpisodeEndpoints.Map(app);
        DataSelectEndpoints.Map(app);
        WebSocketEndpoint.Map(app);
        ApiEndpoints.Map(app);
        Arena.ArenaEndpoints.Map(app);
        app.MapOpenApi("/openapi.json").RequireScopes(RequiredScopes.AnyKey);
        if (options.ServeDashboard) DashboardEndpoints.Map(app);
        return app;
    }
}

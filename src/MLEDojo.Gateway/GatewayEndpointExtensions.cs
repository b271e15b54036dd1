using MLEDojo.Gateway.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace MLEDojo.Gateway;

public static class GatewayEndpointExtensions
{
    /// <summary>
    /// Maps the gateway: WS /ws (OpenEnv's frames), POST /reset, POST /step, GET /state, GET /health, /schema,
    /// /metadata, and the OpenAPI document at /openapi.json. Needs <see cref="GatewayServiceCollectionExtensions.AddDojoGateway"/>.
    /// </summary>
    public static TApp MapDojoGateway<TApp>(this TApp app) where TApp : IApplicationBuilder, IEndpointRouteBuilder
    {
        app.UseWebSockets();
        DescriptionEndpoints.Map(app);
        HttpEpisodeEndpoints.Map(app);
        WebSocketEndpoint.Map(app);
        app.MapOpenApi("/openapi.json");
        return app;
    }
}

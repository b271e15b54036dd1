using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>WS /ws: one <see cref="GatewayWebSocketSession"/> per connection.</summary>
internal static class WebSocketEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await Results.Json(new ErrorResponse("/ws takes a WebSocket upgrade."), GatewayJson.Options, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }
            GatewayCaller caller;
            try
            {
                caller = GatewayAuthMiddleware.Caller(context);
            }
            catch (GatewayError e)
            {
                await GatewayResults.Error(e, context.Response).ExecuteAsync(context);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var session = context.RequestServices.GetRequiredService<GatewayWebSocketSession.Factory>().Create(socket, caller);
            await session.RunAsync(context.RequestAborted);
        }).ExcludeFromDescription().RequireScopes(RequiredScopes.Episodes);
}

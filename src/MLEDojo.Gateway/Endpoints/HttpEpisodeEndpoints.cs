using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>POST /reset, POST /step, GET /state: stateful HTTP episodes (OpenEnv's routes, but the episode lives on between calls).</summary>
internal static class HttpEpisodeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/reset", (HttpContext context, AuthorizedEpisodes episodes, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxMessageBytes);
                // OpenEnv's validators post an empty body; it gets the same "competition is required" answer as {}.
                var request = body.Length == 0 ? new ResetRequest() : WireParser.ReadReset(WireParser.ParseJson(body), "The reset request");
                return await episodes.ResetAsync(GatewayAuthMiddleware.Caller(context), request);
            }))
            .WithSummary("Start an episode, or resume one by its episode_id.")
            .DocumentJsonBody<ResetRequest>()
            .Produces<ResetResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .ProducesAuthErrors()
            .RequireScopes(RequiredScopes.Episodes)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        routes.MapPost("/step", (HttpContext context, AuthorizedEpisodes episodes, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxMessageBytes);
                var request = WireParser.ReadStep(WireParser.ParseJson(body), "The step request");
                return await episodes.StepAsync(GatewayAuthMiddleware.Caller(context), request.EpisodeId, request.Action, request.RequestId);
            }))
            .WithSummary("Run one action; a retried request_id returns the recorded answer.")
            .DocumentJsonBody<StepRequest>()
            .Produces<StepResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors()
            .RequireScopes(RequiredScopes.Episodes)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests);

        routes.MapGet("/state", (HttpContext context, [FromQuery(Name = "episode_id")] string? episodeId, AuthorizedEpisodes episodes) => GatewayResults.Answer(context, () =>
                string.IsNullOrEmpty(episodeId)
                    ? throw GatewayError.Validation("episode_id is required: GET /state?episode_id=ID.", "episode_id")
                    : episodes.StateAsync(GatewayAuthMiddleware.Caller(context), episodeId)))
            .WithSummary("An episode's state (OpenEnv's State: episode_id, step_count, plus the episode's fields).")
            .Produces<EpisodeStateResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors()
            .RequireScopes(RequiredScopes.Episodes);
    }

}

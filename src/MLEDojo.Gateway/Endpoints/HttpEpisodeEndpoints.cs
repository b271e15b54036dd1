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
        routes.MapPost("/reset", (HttpContext context, AuthorizedEpisodes episodes, IOptions<DojoGatewayOptions> options) => Answer(context, async () =>
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
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponse>(StatusCodes.Status503ServiceUnavailable);

        routes.MapPost("/step", (HttpContext context, AuthorizedEpisodes episodes, IOptions<DojoGatewayOptions> options) => Answer(context, async () =>
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
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests);

        routes.MapGet("/state", (HttpContext context, [FromQuery(Name = "episode_id")] string? episodeId, AuthorizedEpisodes episodes) => Answer(context, () =>
                string.IsNullOrEmpty(episodeId)
                    ? throw GatewayError.Validation("episode_id is required: GET /state?episode_id=ID.", "episode_id")
                    : episodes.StateAsync(GatewayAuthMiddleware.Caller(context), episodeId)))
            .WithSummary("An episode's state (OpenEnv's State: episode_id, step_count, plus the episode's fields).")
            .Produces<EpisodeStateResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors();
    }

    internal static RouteHandlerBuilder ProducesAuthErrors(this RouteHandlerBuilder builder) =>
        builder.Produces<ErrorResponse>(StatusCodes.Status401Unauthorized).Produces<ErrorResponse>(StatusCodes.Status403Forbidden);

    internal static async Task<IResult> Answer<T>(HttpContext context, Func<Task<T>> handle)
    {
        try
        {
            return Results.Json(await handle(), GatewayJson.Options);
        }
        catch (GatewayError e)
        {
            if (e.RetryAfter is { } wait) context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new ErrorResponse(e.Message), GatewayJson.Options, statusCode: (int)e.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpEpisodeEndpoints))
                .LogError(e, "The gateway failed to answer {Method} {Path}", context.Request.Method, context.Request.Path);
            return Results.Json(new ErrorResponse("The gateway failed to answer: " + e.Message), GatewayJson.Options, statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}

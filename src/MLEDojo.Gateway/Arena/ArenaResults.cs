using System.Net;
using MLEDojo.Arena;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// How arena routes answer: their record in the arena's JSON, or <c>{"error"}</c> with a status that says what to do:
/// 400 a bad definition, 401/403 the key, 404 no such submission, 409 a step the submission's state does not allow.
/// </summary>
internal static class ArenaResults
{
    public static async Task<IResult> Answer<T>(HttpContext context, Func<Task<T>> handle, int status = StatusCodes.Status200OK)
    {
        try
        {
            return Json(await handle(), status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(context, e);
        }
    }

    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, ArenaJson.Options, statusCode: status);

    public static IResult Failure(HttpContext context, Exception e)
    {
        if (e is LimitRefusedException refused)
            return Results.Json(new LimitRefusal(refused.Message, refused.Result.Limits, refused.Result.Submission), ArenaJson.Options, statusCode: StatusCodes.Status409Conflict);
        var (status, message) = e switch
        {
            GatewayError error => ((int)error.Status, error.Message),
            ArgumentException or System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, e.Message),
            KeyNotFoundException => (StatusCodes.Status404NotFound, e.Message),
            InvalidOperationException => (StatusCodes.Status409Conflict, e.Message),
            _ => (StatusCodes.Status500InternalServerError, "The arena failed to answer: " + e.Message),
        };
        if (status == StatusCodes.Status500InternalServerError)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ArenaResults))
                .LogError(e, "The arena failed to answer {Method} {Path}", context.Request.Method, context.Request.Path);
        if (status == (int)HttpStatusCode.Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new ErrorResponse(message), ArenaJson.Options, statusCode: status);
    }
}

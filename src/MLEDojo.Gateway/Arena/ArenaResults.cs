using MLEDojo.Arena;
using MLEDojo.Gateway.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// How arena routes answer: their record in the arena's JSON, or the gateway's <c>{"error"}</c> with a status that
/// says what to do: 400 a bad definition, 404 no such submission, 409 a step the submission's state does not allow,
/// and for a deploy the owner's limits refused, 409 with the limits.
/// </summary>
internal static class ArenaResults
{
    public static async Task<IResult> Answer<T>(HttpContext context, Func<Task<T>> handle, int status = StatusCodes.Status200OK)
    {
        try
        {
            return Results.Json(await handle(), ArenaJson.Options, statusCode: status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(context, e);
        }
    }

    public static IResult Failure(HttpContext context, Exception e) => e switch
    {
        LimitRefusedException refused =>
            Results.Json(new LimitRefusal(refused.Message, refused.Result.Limits, refused.Result.Submission), ArenaJson.Options, statusCode: StatusCodes.Status409Conflict),
        // What the submission grain throws for a caller's mistake, as the gateway's errors.
        ArgumentException or System.Text.Json.JsonException => GatewayResults.Error(GatewayError.Validation(e.Message), context.Response),
        KeyNotFoundException => GatewayResults.Error(GatewayError.NotFound(e.Message), context.Response),
        InvalidOperationException => GatewayResults.Error(GatewayError.Conflict(e.Message), context.Response),
        _ => GatewayResults.Failure(context, e),
    };
}

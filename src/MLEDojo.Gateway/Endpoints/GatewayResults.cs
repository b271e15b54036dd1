using System.Globalization;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>How every HTTP route answers: its record as JSON, or <c>{"error": ...}</c> with the error's status (and Retry-After for refusals that pass).</summary>
internal static class GatewayResults
{
    public static async Task<IResult> Answer<T>(HttpContext context, Func<Task<T>> handle, int successStatus = StatusCodes.Status200OK)
    {
        try
        {
            return Results.Json(await handle(), GatewayJson.Options, statusCode: successStatus);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(context, e);
        }
    }

    public static IResult Failure(HttpContext context, Exception e)
    {
        if (e is GatewayError error) return Error(error, context.Response);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayResults))
            .LogError(e, "The gateway failed to answer {Method} {Path}", context.Request.Method, context.Request.Path);
        return Results.Json(new ErrorResponse("The gateway failed to answer: " + e.Message), GatewayJson.Options, statusCode: StatusCodes.Status500InternalServerError);
    }

    public static IResult Error(GatewayError e, HttpResponse? response = null)
    {
        if (response is not null)
        {
            if (e.RetryAfter is { } wait)
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            if (e.Status == System.Net.HttpStatusCode.Unauthorized) response.Headers.WWWAuthenticate = "Bearer";
        }
        return Results.Json(new ErrorResponse(e.Message), GatewayJson.Options, statusCode: (int)e.Status);
    }

    public static RouteHandlerBuilder ProducesAuthErrors(this RouteHandlerBuilder builder) =>
        builder.Produces<ErrorResponse>(StatusCodes.Status401Unauthorized).Produces<ErrorResponse>(StatusCodes.Status403Forbidden);
}

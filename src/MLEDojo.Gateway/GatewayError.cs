using System.Net;

namespace MLEDojo.Gateway;

/// <summary>OpenEnv's WebSocket error codes (WSErrorCode).</summary>
public static class WsErrorCodes
{
    public const string InvalidJson = "INVALID_JSON";
    public const string UnknownType = "UNKNOWN_TYPE";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string ExecutionError = "EXECUTION_ERROR";
    public const string SessionError = "SESSION_ERROR";
    public const string CapacityReached = "CAPACITY_REACHED";
}

/// <summary>A request the gateway answers with an error: a WS error frame with <see cref="Code"/>, or <see cref="Status"/> with <c>{"error": ...}</c> over HTTP.</summary>
public sealed class GatewayError(string code, HttpStatusCode status, string message, string? location = null, TimeSpan? retryAfter = null) : Exception(message)
{
    public string Code { get; } = code;
    public HttpStatusCode Status { get; } = status;
    /// <summary>The JSON path of the offending field, when there is one.</summary>
    public string? Location { get; } = location;
    /// <summary>When a refused request may succeed again (HTTP's Retry-After), for quota refusals.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static GatewayError InvalidJson(string message) => new(WsErrorCodes.InvalidJson, HttpStatusCode.BadRequest, message);
    public static GatewayError Validation(string message, string? location = null) => new(WsErrorCodes.ValidationError, HttpStatusCode.BadRequest, message, location);
    public static GatewayError UnknownEpisode(string episodeId) =>
        new(WsErrorCodes.SessionError, HttpStatusCode.NotFound, $"No episode '{episodeId}': reset one first.");
    public static GatewayError UnknownType(string message) => new(WsErrorCodes.UnknownType, HttpStatusCode.BadRequest, message);
    public static GatewayError Session(string message) => new(WsErrorCodes.SessionError, HttpStatusCode.BadRequest, message);
    public static GatewayError TooLarge(long? size, int maxBytes) =>
        Validation($"The message{(size is null ? "" : $" ({size} bytes)")} is larger than this server's limit of {maxBytes} bytes.");
    public static GatewayError Unauthorized(string message) => new(WsErrorCodes.SessionError, HttpStatusCode.Unauthorized, message);
    public static GatewayError Forbidden(string message) => new(WsErrorCodes.SessionError, HttpStatusCode.Forbidden, message);
    public static GatewayError QuotaExceeded(string message, TimeSpan retryAfter) =>
        new(WsErrorCodes.CapacityReached, HttpStatusCode.TooManyRequests, message, retryAfter: retryAfter);
    public static GatewayError CapacityReached(string message, TimeSpan retryAfter) =>
        new(WsErrorCodes.CapacityReached, HttpStatusCode.ServiceUnavailable, message, retryAfter: retryAfter);
    public static GatewayError NotFound(string message) => new(WsErrorCodes.SessionError, HttpStatusCode.NotFound, message);
    public static GatewayError Conflict(string message) => new(WsErrorCodes.ValidationError, HttpStatusCode.Conflict, message);
    /// <summary>An episode that expired: 410 over HTTP, SESSION_ERROR over WS.</summary>
    public static GatewayError Expired(string message) => new(WsErrorCodes.SessionError, HttpStatusCode.Gone, message);
    public static GatewayError Execution(string message) => new(WsErrorCodes.ExecutionError, HttpStatusCode.InternalServerError, message);
}

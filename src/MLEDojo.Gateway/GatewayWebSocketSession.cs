using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway;

/// <summary>
/// One WebSocket connection speaking OpenEnv's frames. Frames are handled one at a time, in order. The connection
/// only points at an episode: when it drops, the episode lives on and a reset naming its id resumes it.
/// </summary>
public sealed class GatewayWebSocketSession
{
    private readonly WebSocket _socket;
    private readonly AuthorizedEpisodes _episodes;
    private readonly GatewayCaller _caller;
    private readonly int _maxMessageBytes;
    private readonly ILogger _logger;
    private string? _episodeId;

    private GatewayWebSocketSession(WebSocket socket, AuthorizedEpisodes episodes, GatewayCaller caller, int maxMessageBytes, ILogger logger)
    {
        _socket = socket;
        _episodes = episodes;
        _caller = caller;
        _maxMessageBytes = maxMessageBytes;
        _logger = logger;
    }

    public sealed class Factory(AuthorizedEpisodes episodes, IOptions<DojoGatewayOptions> options, ILogger<GatewayWebSocketSession> logger)
    {
        public GatewayWebSocketSession Create(WebSocket socket, GatewayCaller caller) => new(socket, episodes, caller, options.Value.MaxMessageBytes, logger);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                message.ResetWrittenCount();
                var received = await ReceiveAsync(message, cancellationToken);
                if (received == Received.Closed) return;
                byte[] answer;
                var closing = false;
                try
                {
                    if (received == Received.TooLarge) throw GatewayError.TooLarge(null, _maxMessageBytes);
                    (answer, closing) = await HandleAsync(message.WrittenSpan.ToArray());
                }
                catch (GatewayError e)
                {
                    answer = ErrorFrame(e);
                }
                catch (Exception e) when (e is not OperationCanceledException and not WebSocketException)
                {
                    _logger.LogError(e, "The gateway failed to answer a frame for episode {Episode}", _episodeId);
                    answer = ErrorFrame(GatewayError.Execution("The gateway failed to answer: " + e.Message));
                }
                await SendAsync(answer, cancellationToken);
                if (closing)
                {
                    await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "closed", cancellationToken);
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            _logger.LogDebug(e, "WebSocket for episode {Episode} dropped; the episode stays resumable", _episodeId);
        }
    }

    private async Task<(byte[] Answer, bool Close)> HandleAsync(byte[] utf8)
    {
        var frame = WireParser.RequireObject(WireParser.ParseJson(utf8), "A frame");
        if (frame["type"] is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String)
            throw GatewayError.Validation("A frame needs a string \"type\": reset, step, state or close.", "$.type");
        var type = typeValue.GetValue<string>();
        var data = frame["data"];
        switch (type)
        {
            case "reset":
                var reset = await _episodes.ResetAsync(_caller, data is null ? new ResetRequest() : WireParser.ReadReset(data, "The reset data"));
                _episodeId = reset.EpisodeId;
                return (Frame("observation", reset), false);
            case "step":
                var action = WireParser.RequireObject(data, "The step data");
                // OpenEnv's step data is the action itself; a request_id beside its fields makes the step retry-safe.
                var requestId = action.Remove("request_id", out var id) ? ReadRequestId(id) : null;
                // The reset that set the current episode checked the caller's right to it.
                var step = await _episodes.StepAsync(_caller, CurrentEpisode(), WireParser.ReadAction(action, "The step data"), requestId, ownerChecked: true);
                return (Frame("observation", step), false);
            case "state":
                return (Frame("state", await _episodes.StateAsync(_caller, CurrentEpisode(), ownerChecked: true)), false);
            case "close":
                // OpenEnv's close ends the environment; a connection that merely drops leaves the episode resumable.
                return (Frame("state", _episodeId is null ? null : await _episodes.CloseAsync(_caller, _episodeId)), true);
            default:
                throw GatewayError.UnknownType($"Unknown frame type '{type}'; this server takes reset, step, state and close.");
        }
    }

    private string CurrentEpisode() =>
        _episodeId ?? throw GatewayError.Session("No episode on this connection: send a reset frame first (with an episode_id to resume one).");

    private static string? ReadRequestId(JsonNode? id) =>
        id is null ? null
        : id is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
        : throw GatewayError.Validation("request_id must be a string.", "$.data.request_id");

    private enum Received { Message, TooLarge, Closed }

    /// <summary>Reads one whole message; past the cap the rest is read and dropped, so the connection stays usable.</summary>
    private async Task<Received> ReceiveAsync(ArrayBufferWriter<byte> message, CancellationToken cancellationToken)
    {
        var tooLarge = false;
        var discard = new byte[16 * 1024];
        while (true)
        {
            var buffer = tooLarge ? discard : message.GetMemory(16 * 1024);
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                return Received.Closed;
            }
            if (!tooLarge)
            {
                message.Advance(result.Count);
                tooLarge = message.WrittenCount > _maxMessageBytes;
            }
            if (result.EndOfMessage) return tooLarge ? Received.TooLarge : Received.Message;
        }
    }

    /// <summary>A frame written straight to UTF-8 (no JSON tree in between: this is every step's answer).</summary>
    private static byte[] Frame<T>(string type, T data) => JsonSerializer.SerializeToUtf8Bytes(new WireFrame<T>(type, data), GatewayJson.Options);

    private sealed record WireFrame<T>(string Type, T? Data);

    /// <summary>OpenEnv's error frame: message and code, plus "errors" with the field's location for validation errors and retry_after_s for quota refusals.</summary>
    private static byte[] ErrorFrame(GatewayError e)
    {
        var data = new JsonObject { ["message"] = e.Message, ["code"] = e.Code };
        if (e.Code == WsErrorCodes.ValidationError)
            data["errors"] = new JsonArray(new JsonObject { ["loc"] = e.Location, ["msg"] = e.Message });
        if (e.RetryAfter is { } wait) data["retry_after_s"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["type"] = "error", ["data"] = data }, GatewayJson.Options);
    }

    private Task SendAsync(byte[] frame, CancellationToken cancellationToken) =>
        _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken);
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>A test's side of WS /ws: send a frame, read the answer (with a timeout, so a silent server fails the test).</summary>
public sealed class WsClient(ClientWebSocket socket) : IDisposable
{
    public ClientWebSocket Socket => socket;

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonObject> AskAsync(string frame)
    {
        await SendTextAsync(frame);
        return await ReceiveAsync();
    }

    public Task<JsonObject> AskAsync(JsonObject frame) => AskAsync(frame.ToJsonString());

    public async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"The server closed the connection ({result.CloseStatus}: {result.CloseStatusDescription}).");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(message.ToArray())!.AsObject();
        }
    }

    /// <summary>Drops the TCP connection without a close handshake, as a crashed trainer would.</summary>
    public void Drop() => socket.Abort();

    public void Dispose() => socket.Dispose();
}

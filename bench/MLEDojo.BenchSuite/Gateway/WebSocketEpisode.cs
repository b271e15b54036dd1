using System.Net.WebSockets;
using System.Text;

namespace MLEDojo.BenchSuite.Gateway;

/// <summary>
/// One WebSocket session of OpenEnv's protocol, holding one episode: reset, then frames answered one at a time.
/// An episode that ends is replaced by a reset with a new id on the same connection.
/// </summary>
public sealed class WebSocketEpisode : IDisposable
{
    private static readonly byte[] RequestInfo = Encoding.UTF8.GetBytes("""{"type": "step", "data": {"action_type": "request_info", "info_type": "name"}}""");
    /// <summary>A frame type the gateway does not take: answered by the gateway itself, no grain called.</summary>
    private static readonly byte[] Unanswerable = Encoding.UTF8.GetBytes("""{"type": "ping"}""");

    private readonly ClientWebSocket _socket;
    private readonly string _name;
    private byte[] _buffer = new byte[64 * 1024];
    private int _episodes;

    private WebSocketEpisode(ClientWebSocket socket, string name)
    {
        _socket = socket;
        _name = name;
    }

    public bool Done { get; private set; }

    public static async Task<WebSocketEpisode> OpenAsync(Uri uri, string name, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var session = new WebSocketEpisode(socket, name);
        await session.ResetAsync(cancellationToken);
        return session;
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        var id = $"{_name}-{_episodes++}-{Guid.NewGuid():N}";
        var answer = await RoundTripAsync(Encoding.UTF8.GetBytes(
            $$$$"""{"type": "reset", "data": {"competition": "spaceship-titanic", "episode_id": "{{{{id}}}}", "options": {"max_steps": 500}}}"""), cancellationToken);
        if (!answer.StartsWith("""{"type":"observation""", StringComparison.Ordinal)) throw new InvalidOperationException("A bench reset was refused: " + answer);
        Done = false;
    }

    /// <summary>A request_info step; false when the answer was not an observation.</summary>
    public async Task<bool> StepAsync()
    {
        var answer = await RoundTripAsync(RequestInfo, CancellationToken.None);
        // The step frame's data ends with its done flag, the last field the gateway writes.
        Done = answer.EndsWith("\"done\":true}}", StringComparison.Ordinal);
        return answer.StartsWith("""{"type":"observation""", StringComparison.Ordinal);
    }

    /// <summary>The gateway's own round trip: a frame it parses and answers with an error frame, calling no grain.</summary>
    public async Task<bool> EchoAsync() =>
        (await RoundTripAsync(Unanswerable, CancellationToken.None)).StartsWith("""{"type":"error""", StringComparison.Ordinal);

    private async Task<string> RoundTripAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The gateway closed a bench session.");
            count += result.Count;
            if (result.EndOfMessage) return Encoding.UTF8.GetString(_buffer, 0, count);
            if (count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}

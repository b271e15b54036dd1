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
    private static readonly byte[] Observation = Encoding.UTF8.GetBytes("""{"type":"observation""");
    private static readonly byte[] Error = Encoding.UTF8.GetBytes("""{"type":"error""");
    /// <summary>The step frame's data ends with its done flag, the last field the gateway writes.</summary>
    private static readonly byte[] DoneEnding = Encoding.UTF8.GetBytes("\"done\":true}}");

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
        var length = await RoundTripAsync(Encoding.UTF8.GetBytes(
            $$$$"""{"type": "reset", "data": {"competition": "spaceship-titanic", "episode_id": "{{{{id}}}}", "options": {"max_steps": 500}}}"""), cancellationToken);
        if (!Answer(length).StartsWith(Observation)) throw new InvalidOperationException("A bench reset was refused: " + Encoding.UTF8.GetString(Answer(length)));
        Done = false;
    }

    /// <summary>A request_info step; false when the answer was not an observation.</summary>
    public async Task<bool> StepAsync()
    {
        // Compared as bytes: this process is the load generator, and what it spends the gateway's machine lacks.
        var answer = Answer(await RoundTripAsync(RequestInfo, CancellationToken.None));
        Done = answer.EndsWith(DoneEnding);
        return answer.StartsWith(Observation);
    }

    /// <summary>The gateway's own round trip: a frame it parses and answers with an error frame, calling no grain.</summary>
    public async Task<bool> EchoAsync() =>
        Answer(await RoundTripAsync(Unanswerable, CancellationToken.None)).StartsWith(Error);

    private ReadOnlySpan<byte> Answer(int length) => _buffer.AsSpan(0, length);

    /// <summary>Sends a frame and reads the whole answer into the buffer; returns its length.</summary>
    private async Task<int> RoundTripAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The gateway closed a bench session.");
            count += result.Count;
            if (result.EndOfMessage) return count;
            if (count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}

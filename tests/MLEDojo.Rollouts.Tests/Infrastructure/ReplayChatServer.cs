using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MLEDojo.Rollouts.Tests.Infrastructure;

/// <summary>One recorded answer of the chat endpoint: a completion, a refusal, a raw body or status, optionally late.</summary>
public sealed record ReplayedAnswer(int Status, string Body, TimeSpan Delay)
{
    public static ReplayedAnswer Completion(string content, int promptTokens = 100, int completionTokens = 20, string finishReason = "stop") =>
        new(200, CompletionBody(new JsonObject { ["role"] = "assistant", ["content"] = content }, finishReason, promptTokens, completionTokens), TimeSpan.Zero);

    public static ReplayedAnswer Refusal(string refusal) =>
        new(200, CompletionBody(new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = refusal }, "stop", 100, 5), TimeSpan.Zero);

    public static ReplayedAnswer Raw(int status, string body) => new(status, body, TimeSpan.Zero);

    public ReplayedAnswer Late(TimeSpan delay) => this with { Delay = delay };

    private static string CompletionBody(JsonObject message, string finishReason, int promptTokens, int completionTokens) => new JsonObject
    {
        ["id"] = "chatcmpl-replay",
        ["object"] = "chat.completion",
        ["model"] = "replay-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = promptTokens, ["completion_tokens"] = completionTokens, ["total_tokens"] = promptTokens + completionTokens },
    }.ToJsonString();
}

/// <summary>
/// An OpenAI-compatible test server on a free loopback port: <c>POST /v1/chat/completions</c> answers with the
/// recorded answers in order and keeps every request body, so tests see exactly what the agent sent.
/// </summary>
public sealed class ReplayChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReplayedAnswer> _answers;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public ReplayChatServer(params ReplayedAnswer[] answers)
    {
        _answers = new ConcurrentQueue<ReplayedAnswer>(answers);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1");

    public IReadOnlyList<JsonObject> Requests => _requests.ToArray();

    /// <summary>
    /// The requests once at least <paramref name="count"/> have arrived (or <paramref name="within"/> has passed): a
    /// client that gave up on its timeout may return before this server has read the request it sent.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> RequestsOnceAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (_requests.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Requests;
    }

    public IReadOnlyList<string> Paths { get; private set; } = [];

    private async Task ServeAsync()
    {
        var paths = new List<string>();
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(async () =>
            {
                lock (paths) { paths.Add(context.Request.Url!.AbsolutePath); Paths = paths.ToArray(); }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                _requests.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject());
                var answer = _answers.TryDequeue(out var next) ? next : ReplayedAnswer.Raw(500, """{"error": "no more recorded answers"}""");
                try
                {
                    if (answer.Delay > TimeSpan.Zero) await Task.Delay(answer.Delay, _stop.Token);
                    var bytes = Encoding.UTF8.GetBytes(answer.Body);
                    context.Response.StatusCode = answer.Status;
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception) { /* the client gave up (timeout) or the server is stopping */ }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

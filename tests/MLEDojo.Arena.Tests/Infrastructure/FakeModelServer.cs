using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Arena.Tests.Infrastructure;

/// <summary>
/// An OpenAI-compatible chat-completions server on a loopback port (real Kestrel), one behaviour per path prefix:
/// <c>/canned/v1</c> answers every completion with an execute_code action whose Python copies the competition's
/// sample submission; <c>/broken/v1</c> answers 500; <c>/slow/v1</c> answers only after <see cref="SlowDelay"/>.
/// Counts the requests each prefix got.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(20);

    public const string CannedCode = """
        import os, shutil
        shutil.copyfile(os.path.join(os.environ["DOJO_DATA_DIR"], "sample_submission.csv"), "submission.csv")
        print("submission.csv written")
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new();

    private FakeModelServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public string Url(string mode) => new Uri(BaseAddress, $"/{mode}/v1").ToString();

    public int Requests(string mode) => _requests.GetValueOrDefault(mode);

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var server = new FakeModelServer(builder.Build());
        server._app.MapPost("/{mode}/v1/chat/completions", server.CompleteAsync);
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    private async Task<IResult> CompleteAsync(string mode, HttpContext context)
    {
        _requests.AddOrUpdate(mode, 1, (_, n) => n + 1);
        switch (mode)
        {
            case "broken":
                return Results.Text("""{"error": "the model crashed"}""", "application/json", statusCode: 500);
            case "slow":
                try { await Task.Delay(SlowDelay, context.RequestAborted); }
                catch (OperationCanceledException) { return Results.Empty; } // the agent gave up waiting, as it should
                return Results.StatusCode(504);
            default:
                var action = JsonSerializer.Serialize(new { action = "execute_code", @params = new { code = CannedCode } });
                return Results.Json(new
                {
                    id = "chatcmpl-fake",
                    @object = "chat.completion",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = "```json\n" + action + "\n```" }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 100, completion_tokens = 40 },
                });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

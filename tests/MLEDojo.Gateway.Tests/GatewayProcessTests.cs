using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Cli;
using MLEDojo.Gateway.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

/// <summary><c>dojo gateway</c>: the gateway as its own process, an Orleans client of a silo process, on free ports.</summary>
public sealed class GatewayProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-gwproc-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_separate_gateway_refuses_insecure_no_auth()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["gateway", "--http-port", "8000", "--insecure-no-auth", "--config", WriteConfig()], new StringWriter(), error));
        Assert.Contains("dojo gateway refuses --insecure-no-auth", error.ToString());
    }

    [Fact]
    public void Serve_in_cluster_mode_refuses_insecure_no_auth()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["serve", "--http-port", "8000", "--insecure-no-auth", "--config", WriteConfig(profile: "external")], new StringWriter(), error));
        Assert.Contains("--insecure-no-auth is refused in cluster mode (profile 'external')", error.ToString());
    }

    [Fact]
    public void A_gateway_with_a_bad_bind_address_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["gateway", "--http-port", "8000", "--bind", "everywhere", "--config", WriteConfig()], new StringWriter(), error));
        Assert.Contains("--bind must be an IP address", error.ToString());
    }

    [Fact]
    public async Task A_gateway_process_serves_episodes_and_the_api_of_a_silo_process()
    {
        var config = WriteConfig();
        var keys = new StringWriter();
        Assert.Equal(0, DojoCli.Run(["keys", "create", "--scope", "user", "--owner", "alice", "--config", config], keys, new StringWriter()));
        var token = keys.ToString().Trim();
        var ports = new Dictionary<string, string>
        {
            ["DOJO_clusterId"] = "gwproc-" + Guid.NewGuid().ToString("N")[..8],
            ["DOJO_siloPort"] = DojoProcess.FreePort().ToString(),
            ["DOJO_gatewayPort"] = DojoProcess.FreePort().ToString(),
        };
        var httpPort = DojoProcess.FreePort();
        // The gateway starts first and waits for the grid, as in a deployment where nobody orders the two.
        var gatewayStart = DojoProcess.StartAsync(["gateway", "--config", config, "--http-port", httpPort.ToString()], ports);
        await using var silo = await DojoProcess.StartAsync(["serve", "--config", config], ports);
        await using var gateway = await gatewayStart;
        Assert.Contains(gateway.Banner, l => l.Contains($"http://127.0.0.1:{httpPort}/") && l.Contains("auth: API keys"));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Assert.Equal("healthy", (string?)(await http.GetFromJsonAsync<JsonObject>("/health"))!["status"]);
        using (var anonymous = await http.GetAsync("/api/competitions"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var competitions = await http.GetFromJsonAsync<JsonObject>("/api/competitions");
        Assert.Contains("spaceship-titanic", competitions!["competitions"]!.AsArray().Select(c => (string)c!["name"]!));

        using (var reset = await http.PostAsync("/reset", Json("""{"competition": "spaceship-titanic", "episode_id": "proc-1"}""")))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using (var step = await http.PostAsync("/step", Json("""{"episode_id": "proc-1", "action": {"action_type": "request_info", "info_type": "name"}}""")))
        {
            Assert.Equal(HttpStatusCode.OK, step.StatusCode);
            Assert.Equal("spaceship-titanic", (string?)(await step.Content.ReadFromJsonAsync<JsonObject>())!["observation"]!["info"]!["name"]);
        }

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{httpPort}/ws"), CancellationToken.None);
        using var ws = new WsClient(socket);
        Assert.Equal("observation", (string?)(await ws.AskAsync("""{"type": "reset", "data": {"episode_id": "proc-1"}}"""))["type"]);
        var state = await ws.AskAsync("""{"type": "state"}""");
        Assert.Equal(1, (int)state["data"]!["step_count"]!);
    }

    private string WriteConfig(string profile = "embedded")
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, $"{profile}.config.json");
        File.WriteAllText(path, new JsonObject
        {
            ["profile"] = profile,
            ["competitionsRoot"] = RepoPaths.CompetitionsRoot,
            ["competitionImportRoot"] = Path.Combine(_folder, "imports"),
            ["episodesRoot"] = Path.Combine(_folder, "episodes"),
            ["storage"] = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={Path.Combine(_folder, "grid.db")}" },
            ["devices"] = new JsonObject { ["gpus"] = "none" },
        }.ToJsonString());
        return path;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

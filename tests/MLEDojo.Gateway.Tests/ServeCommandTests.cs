using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLEDojo.Cli;
using MLEDojo.Gateway;
using MLEDojo.Gateway.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

/// <summary><c>dojo serve --http-port</c>: the real command in its own process, as a user starts it.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-serve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_port_out_of_range_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["serve", "--http-port", "70000"], new StringWriter(), error));
        Assert.Contains("--http-port", error.ToString());
    }

    [Fact]
    public async Task Serve_with_an_http_port_takes_keys_made_by_dojo_keys_create()
    {
        var config = WriteConfig();
        var output = new StringWriter();
        Assert.Equal(0, DojoCli.Run(["keys", "create", "--scope", "user", "--owner", "alice", "--config", config], output, new StringWriter()));
        var token = output.ToString().Trim();

        await using var serve = await ServeAsync(config);
        Assert.Contains(serve.Banner, l => l.Contains($"http://127.0.0.1:{serve.Port}/") && l.Contains("auth: API keys"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serve.Port}") };
        Assert.Equal("api keys (Authorization: Bearer mlk_...)", (string?)(await http.GetFromJsonAsync<JsonObject>("/health"))!["auth"]);
        using (var anonymous = await http.PostAsync("/reset", new StringContent(ResetBody)))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using (var reset = await http.PostAsync("/reset", new StringContent(ResetBody)))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task Serve_with_insecure_no_auth_serves_without_keys_and_warns_at_start_and_on_health()
    {
        await using var serve = await ServeAsync(WriteConfig(), "--insecure-no-auth");
        Assert.Contains(serve.Banner, l => l.Contains("auth: disabled (--insecure-no-auth)"));
        Assert.Contains("warning: --insecure-no-auth", await serve.ReadErrorLineAsync());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serve.Port}") };
        Assert.Equal("disabled (--insecure-no-auth)", (string?)(await http.GetFromJsonAsync<JsonObject>("/health"))!["auth"]);
        using var reset = await http.PostAsync("/reset", new StringContent(ResetBody));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task Keys_create_list_and_revoke_round_trip_through_the_grids_database()
    {
        var config = WriteConfig();
        var created = new StringWriter();
        Assert.Equal(0, DojoCli.Run(["keys", "create", "--scope", "creator", "--owner", "carol", "--config", config], created, new StringWriter()));
        var token = Auth.ApiKeyToken.TryParse(created.ToString().Trim())!;
        Assert.Equal(Auth.ApiKeyScope.Creator, token.Scope);

        var listed = new StringWriter();
        Assert.Equal(0, DojoCli.Run(["keys", "list", "--config", config], listed, new StringWriter()));
        Assert.Contains(token.Lookup, listed.ToString());
        Assert.Contains("carol", listed.ToString());
        Assert.DoesNotContain(token.Secret, listed.ToString());

        Assert.Equal(0, DojoCli.Run(["keys", "revoke", token.Lookup, "--config", config], new StringWriter(), new StringWriter()));
        var store = new Auth.ApiKeyStore($"Data Source={Path.Combine(_folder, "grid.db")}");
        Assert.NotNull(store.List().Single().RevokedAt);
        Assert.Null(await store.AuthenticateAsync(token));
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["keys", "revoke", token.Lookup, "--config", config], new StringWriter(), error));
        Assert.Contains("No active key", error.ToString());
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["keys", "create", "--scope", "root", "--owner", "x", "--config", config], new StringWriter(), new StringWriter()));
    }

    private const string ResetBody = """{"competition": "spaceship-titanic", "episode_id": "serve-1"}""";

    /// <summary>A configuration file whose database is this test's, so the keys command and the server share it.</summary>
    private string WriteConfig()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, new JsonObject
        {
            ["competitionsRoot"] = MLEDojo.Grid.Tests.Infrastructure.RepoPaths.CompetitionsRoot,
            ["episodesRoot"] = Path.Combine(_folder, "episodes"),
            ["storage"] = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={Path.Combine(_folder, "grid.db")}" },
            ["devices"] = new JsonObject { ["gpus"] = "none" },
        }.ToJsonString());
        return path;
    }

    private static async Task<ServeProcess> ServeAsync(string config, params string[] flags)
    {
        var httpPort = DojoProcess.FreePort();
        var process = await DojoProcess.StartAsync(["serve", "--config", config, "--http-port", httpPort.ToString(), .. flags], new Dictionary<string, string>
        {
            ["DOJO_clusterId"] = "serve-test-" + httpPort,
            ["DOJO_siloPort"] = DojoProcess.FreePort().ToString(),
            ["DOJO_gatewayPort"] = DojoProcess.FreePort().ToString(),
        });
        return new ServeProcess(process, httpPort);
    }

    private sealed record ServeProcess(DojoProcess Process, int Port) : IAsyncDisposable
    {
        public List<string> Banner => Process.Banner;

        public Task<string> ReadErrorLineAsync() => Process.ReadErrorLineAsync();

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}

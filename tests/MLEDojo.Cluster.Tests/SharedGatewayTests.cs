using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Cli;
using MLEDojo.Cli.Demo;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Gateway.Auth;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;
using Xunit.Abstractions;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// Two gateway processes' worth of a cluster: two cluster-profile silos on one PostgreSQL database, each serving the
/// gateway on real Kestrel as <c>dojo serve --http-port</c> does. They share API keys and episode owners through the
/// database, and each serves the Orleans Dashboard to admin keys only.
/// </summary>
public sealed class SharedGatewayTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-shared-gw-" + Guid.NewGuid().ToString("N"));
    private readonly List<EmbeddedGrid> _grids = [];
    private readonly List<int> _siloPorts = [];
    private TestDatabase _database = null!;
    private string _config = null!;
    private string _admin = null!;
    private HttpClient _a = null!;
    private HttpClient _b = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
        _config = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(_config, new JsonObject
        {
            ["profile"] = "cluster",
            ["clusterId"] = "shared-gw-" + Guid.NewGuid().ToString("N")[..8],
            ["advertisedAddress"] = "127.0.0.1",
            ["competitionsRoot"] = RepoPaths.CompetitionsRoot,
            ["episodesRoot"] = Path.Combine(_folder, "episodes"),
            ["storage"] = new JsonObject { ["provider"] = "postgresql", ["connectionString"] = _database.ConnectionString },
            ["devices"] = new JsonObject { ["gpus"] = "none" },
            ["leaderboards"] = new JsonObject { ["snapshotPeriodSeconds"] = 0 },
        }.ToJsonString());
        // On a fresh database: dojo keys create applies the grid's schema (the key tables are part of it) and mints there.
        _admin = Keys("create", "--scope", "admin", "--owner", "ops");
        _a = await StartGatewayAsync("gw-a");
        _b = await StartGatewayAsync("gw-b");
    }

    private async Task<HttpClient> StartGatewayAsync(string node)
    {
        var siloPort = EmbeddedGrid.FreePort();
        var options = DojoConfiguration.Load(_config, [], new Hashtable
        {
            ["DOJO_siloPort"] = siloPort.ToString(),
            ["DOJO_gatewayPort"] = EmbeddedGrid.FreePort().ToString(),
            ["DOJO_devices__node"] = node,
        });
        var http = EmbeddedGrid.FreePort();
        _grids.Add(await EmbeddedGrid.StartWithGatewayAsync(options, IPAddress.Loopback, http, insecureNoAuth: false, CancellationToken.None));
        _siloPorts.Add(siloPort);
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        foreach (var grid in Enumerable.Reverse(_grids)) await grid.DisposeAsync();
        await _database.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private string Keys(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(DojoCli.Run(["keys", .. args, "--config", _config], output, error) == 0, error.ToString());
        return output.ToString().Trim();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_key_minted_through_one_gateway_authenticates_on_the_other_and_a_revocation_counts_on_both_at_once()
    {
        using var minted = await SendAsync(_a, HttpMethod.Post, "/api/keys", _admin, new { scope = "user", owner = "alice" });
        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        var alice = (string)(await minted.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using (var schema = await SendAsync(_b, HttpMethod.Get, "/schema", alice))
            Assert.Equal(HttpStatusCode.OK, schema.StatusCode);

        // Episode owners are shared too: alice's episode, opened through B, is hers on A and nobody else's.
        var episode = "shared-" + Guid.NewGuid().ToString("N")[..12];
        using (var reset = await SendAsync(_b, HttpMethod.Post, "/reset", alice, new { env = "mle", competition = "spaceship-titanic", episode_id = episode }))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var bob = Keys("create", "--scope", "user", "--owner", "bob");
        using (var theirs = await SendAsync(_a, HttpMethod.Get, $"/state?episode_id={episode}", bob))
            Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        using (var mine = await SendAsync(_a, HttpMethod.Get, $"/state?episode_id={episode}", alice))
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);

        // Only a salted hash is stored: a 16-byte salt, SHA-256(salt || secret), and the secret nowhere in the row.
        var token = ApiKeyToken.TryParse(alice)!;
        var salt = await _database.ScalarAsync<byte[]>($"SELECT salt FROM dojo_api_keys WHERE lookup = '{token.Lookup}'");
        Assert.Equal(16, salt.Length);
        Assert.Equal(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(token.Secret)]),
            await _database.ScalarAsync<byte[]>($"SELECT secret_hash FROM dojo_api_keys WHERE lookup = '{token.Lookup}'"));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM dojo_api_keys k WHERE position('{token.Secret}' IN row_to_json(k)::text) > 0 OR position(convert_to('{token.Secret}', 'UTF8') IN k.secret_hash) > 0"));

        // Revoked through B: refused by A and B from their very next request (nothing is cached).
        using (var revoked = await SendAsync(_b, HttpMethod.Delete, $"/api/keys/{token.Lookup}", _admin))
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var clock = Stopwatch.StartNew();
        using (var onA = await SendAsync(_a, HttpMethod.Get, "/schema", alice))
            Assert.Equal(HttpStatusCode.Unauthorized, onA.StatusCode);
        log.WriteLine($"revocation through gateway B refused on gateway A by its next request, {clock.Elapsed.TotalMilliseconds:F1} ms after the revoke answered");
        using (var onB = await SendAsync(_b, HttpMethod.Get, "/schema", alice))
            Assert.Equal(HttpStatusCode.Unauthorized, onB.StatusCode);
        Assert.Contains(Keys("list").Split('\n'), line => line.Contains(token.Lookup) && line.Contains("alice") && line.Contains("revoked"));
    }

    [Fact]
    public async Task The_dashboard_serves_admin_keys_only_and_lists_every_silo_of_the_cluster()
    {
        using (var anonymous = await SendAsync(_a, HttpMethod.Get, "/dashboard/DashboardCounters", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains(anonymous.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        }
        var user = Keys("create", "--scope", "user", "--owner", "carol");
        using (var refused = await SendAsync(_a, HttpMethod.Get, "/dashboard/DashboardCounters", user))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var creator = Keys("create", "--scope", "creator", "--owner", "dave");
        using (var refused = await SendAsync(_b, HttpMethod.Get, "/dashboard/ClusterStats", creator))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The dashboard's counters list both silos once each silo's dashboard service has reported (every second).
        JsonArray hosts = [];
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(90); await Task.Delay(500))
        {
            using var counters = await SendAsync(_a, HttpMethod.Get, "/dashboard/DashboardCounters", _admin);
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            hosts = (JsonArray)(await counters.Content.ReadFromJsonAsync<JsonObject>())!["hosts"]!;
            if (hosts.Count(h => (string?)h!["status"] == "Active") == 2) break;
        }
        var addresses = hosts.Select(h => (string)h!["siloAddress"]!).ToArray();
        Assert.All(_siloPorts, port => Assert.Contains(addresses, a => a.StartsWith($"127.0.0.1:{port}@", StringComparison.Ordinal)));
        using (var stats = await SendAsync(_b, HttpMethod.Get, "/dashboard/ClusterStats", _admin))
        {
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
            Assert.NotNull(await stats.Content.ReadFromJsonAsync<JsonNode>());
        }

        // A browser: Basic credentials whose password is the admin key open the page and its script.
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + _admin)));
        foreach (var path in new[] { "/dashboard/", "/dashboard/index.min.js" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = basic } };
            using var page = await _b.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.True((await page.Content.ReadAsByteArrayAsync()).Length > 100);
        }
        var wrong = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + user)));
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { Authorization = wrong } })
        using (var page = await _b.SendAsync(request))
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        // Basic credentials are for the dashboard's pages only; the API still wants a bearer key.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/schema") { Headers = { Authorization = basic } })
        using (var api = await _b.SendAsync(request))
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using (var openApi = await SendAsync(_a, HttpMethod.Get, "/openapi.json", _admin))
            Assert.DoesNotContain("/dashboard", await openApi.Content.ReadAsStringAsync());
    }
}

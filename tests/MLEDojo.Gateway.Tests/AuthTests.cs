using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AuthTests(GatewayServer server)
{
    public static TheoryData<string, string, HttpStatusCode> RoutesByScope()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var route in new[] { "GET /schema", "GET /metadata", "GET /openapi.json" })
            foreach (var scope in new[] { "user", "creator", "admin" })
                data.Add(route, scope, HttpStatusCode.OK);
        foreach (var route in new[] { "POST /reset", "POST /step", "GET /state", "WS /ws" })
        {
            data.Add(route, "user", HttpStatusCode.OK);
            data.Add(route, "admin", HttpStatusCode.OK);
            data.Add(route, "creator", HttpStatusCode.Forbidden);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesByScope))]
    public async Task Every_route_serves_the_scopes_it_is_for_and_refuses_the_others(string route, string scope, HttpStatusCode expected)
    {
        var token = scope switch { "user" => server.Keys.Alice, "creator" => server.Keys.Carol, _ => server.Keys.Root };
        Assert.Equal(expected, await CallAsync(route, token));
    }

    [Theory]
    [InlineData("GET /schema")]
    [InlineData("GET /metadata")]
    [InlineData("GET /openapi.json")]
    [InlineData("POST /reset")]
    [InlineData("POST /step")]
    [InlineData("GET /state")]
    [InlineData("WS /ws")]
    public async Task Every_route_but_health_needs_a_key(string route) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(route, null));

    [Theory]
    [InlineData("/RESET")]
    [InlineData("/Reset/")]
    [InlineData("/reset/")]
    public async Task Other_spellings_of_a_route_are_not_a_way_around_the_key(string path)
    {
        using var client = server.ClientFor(null);
        using var response = await client.PostAsync(path, Json("""{"competition": "spaceship-titanic"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("not a bearer")]
    [InlineData("malformed")]
    [InlineData("wrong secret")]
    [InlineData("wrong scope")]
    [InlineData("unknown")]
    [InlineData("revoked")]
    public async Task A_bad_token_is_401_with_an_error_body(string kind)
    {
        var alice = ApiKeyToken.TryParse(server.Keys.Alice)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reset") { Content = Json("""{"competition": "spaceship-titanic"}""") };
        var header = kind switch
        {
            "missing" => null,
            "not a bearer" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:secret")),
            "malformed" => "Bearer mlk_user_nothex_" + alice.Secret,
            "wrong secret" => "Bearer " + (alice with { Secret = new string('0', alice.Secret.Length) }),
            "wrong scope" => "Bearer " + (alice with { Scope = ApiKeyScope.Admin }),
            "unknown" => "Bearer " + ApiKeyToken.Mint(ApiKeyScope.User),
            _ => "Bearer " + server.Keys.Revoked,
        };
        if (header is not null) request.Headers.TryAddWithoutValidation("Authorization", header);
        using var client = server.ClientFor(null);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.False(string.IsNullOrWhiteSpace((string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]));
    }

    [Fact]
    public async Task Another_users_episode_is_403_over_http_and_an_admin_may_read_it()
    {
        var id = "owned-" + Guid.NewGuid().ToString("N");
        using var alice = server.ClientFor(server.Keys.Alice);
        using var bob = server.ClientFor(server.Keys.Bob);
        using var root = server.ClientFor(server.Keys.Root);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("/reset", Json($$"""{"competition": "spaceship-titanic", "episode_id": "{{id}}"}"""))).StatusCode);

        using var resume = await bob.PostAsync("/reset", Json($$"""{"episode_id": "{{id}}"}"""));
        using var step = await bob.PostAsync("/step", Json($$$"""{"episode_id": "{{{id}}}", "action": {"action_type": "get_history"}}"""));
        using var state = await bob.GetAsync($"/state?episode_id={id}");
        foreach (var response in new[] { resume, step, state })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("someone else", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        }
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/state?episode_id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("/state?episode_id=nobody-" + id)).StatusCode);
    }

    [Fact]
    public async Task Another_users_episode_is_an_error_frame_over_ws_and_the_connection_survives()
    {
        var id = "ws-owned-" + Guid.NewGuid().ToString("N");
        using (var alice = await server.ConnectAsync(server.Keys.Alice))
            Assert.Equal("observation", (string?)(await alice.AskAsync($$$"""{"type": "reset", "data": {"competition": "spaceship-titanic", "episode_id": "{{{id}}}"}}"""))["type"]);

        using var bob = await server.ConnectAsync(server.Keys.Bob);
        var refused = await bob.AskAsync($$$"""{"type": "reset", "data": {"episode_id": "{{{id}}}"}}""");
        Assert.Equal("error", (string?)refused["type"]);
        Assert.Equal("SESSION_ERROR", (string?)refused["data"]!["code"]);
        Assert.Contains("someone else", (string?)refused["data"]!["message"]);
        var own = await bob.AskAsync("""{"type": "reset", "data": {"competition": "spaceship-titanic"}}""");
        Assert.Equal("observation", (string?)own["type"]);
    }

    [Fact]
    public async Task The_store_holds_salted_hashes_never_secrets()
    {
        var token = server.Store.Mint(ApiKeyScope.User, "hash-check");
        await using var connection = new SqliteConnection(server.StoreConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM dojo_api_keys WHERE lookup = $lookup";
        command.Parameters.AddWithValue("$lookup", token.Lookup);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var secretBytes = Encoding.UTF8.GetBytes(token.Secret);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            var bytes = value as byte[] ?? Encoding.UTF8.GetBytes(value.ToString() ?? "");
            Assert.DoesNotContain(token.Secret, Encoding.UTF8.GetString(bytes));
            Assert.False(bytes.AsSpan().IndexOf(secretBytes) >= 0, reader.GetName(i));
        }
        var salt = (byte[])reader["salt"];
        Assert.Equal(ApiKeyToken.SaltBytes, salt.Length);
        Assert.Equal(ApiKeyToken.Hash(salt, token.Secret), (byte[])reader["secret_hash"]);
    }

    private async Task<HttpStatusCode> CallAsync(string route, string? token)
    {
        if (route == "WS /ws") return await UpgradeAsync(token);
        using var client = server.ClientFor(token);
        var episodeId = "matrix-" + Guid.NewGuid().ToString("N");
        // The step and state calls need an episode of the caller's own; a refused caller gets an admin's.
        using (var admin = server.ClientFor(token is null || token == server.Keys.Carol ? server.Keys.Root : token))
            if (route is "POST /step" or "GET /state")
                Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/reset", Json($$"""{"competition": "spaceship-titanic", "episode_id": "{{episodeId}}"}"""))).StatusCode);
        using var response = route switch
        {
            "POST /reset" => await client.PostAsync("/reset", Json("""{"competition": "spaceship-titanic"}""")),
            "POST /step" => await client.PostAsync("/step", Json($$$"""{"episode_id": "{{{episodeId}}}", "action": {"action_type": "get_history"}}""")),
            "GET /state" => await client.GetAsync($"/state?episode_id={episodeId}"),
            _ => await client.GetAsync(route["GET ".Length..]),
        };
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.False(string.IsNullOrWhiteSpace((string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]));
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> UpgradeAsync(string? token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        try
        {
            await socket.ConnectAsync(new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "/ws" }.Uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            return (HttpStatusCode)socket.HttpStatusCode;
        }
        using var client = new WsClient(socket);
        var reset = await client.AskAsync("""{"type": "reset", "data": {"competition": "spaceship-titanic"}}""");
        return (string?)reset["type"] == "observation" ? HttpStatusCode.OK : HttpStatusCode.InternalServerError;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

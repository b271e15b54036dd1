using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

/// <summary>Every /api route × every scope (and no key): allowed ones succeed, the others get 401/403 with {"error"}.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ApiAuthTests(GatewayServer server)
{
    private static readonly string[] ReadRoutes =
    [
        "GET /api/competitions", "GET /api/competitions/{name}", "GET /api/competitions/{name}/info/overview", "GET /api/competitions/{name}/leaderboard",
    ];
    private static readonly string[] CreatorRoutes = ["POST /api/competitions", "POST /api/competitions/{name}/archive", "PUT /api/competitions/{name}/tags"];
    private static readonly string[] EpisodeRoutes =
    [
        "GET /api/episodes/{id}", "GET /api/episodes/{id}/history", "GET /api/episodes/{id}/trajectory", "POST /api/episodes/{id}/close", "DELETE /api/episodes/{id}",
    ];
    private static readonly string[] AdminRoutes = ["GET /api/keys", "POST /api/keys", "DELETE /api/keys/{lookup}"];

    public static TheoryData<string, string, HttpStatusCode> RoutesByScope()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var route in ReadRoutes.Concat(CreatorRoutes).Concat(EpisodeRoutes).Concat(AdminRoutes))
            data.Add(route, "none", HttpStatusCode.Unauthorized);
        foreach (var route in ReadRoutes)
            foreach (var scope in new[] { "user", "creator", "admin" })
                data.Add(route, scope, HttpStatusCode.OK);
        foreach (var route in CreatorRoutes)
        {
            var allowed = route.StartsWith("POST", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK;
            data.Add(route, "user", HttpStatusCode.Forbidden);
            data.Add(route, "creator", allowed);
            data.Add(route, "admin", allowed);
        }
        foreach (var route in EpisodeRoutes)
        {
            data.Add(route, "user", HttpStatusCode.OK);
            data.Add(route, "creator", HttpStatusCode.Forbidden);
            data.Add(route, "admin", HttpStatusCode.OK);
        }
        foreach (var route in AdminRoutes)
        {
            data.Add(route, "user", HttpStatusCode.Forbidden);
            data.Add(route, "creator", HttpStatusCode.Forbidden);
            data.Add(route, "admin", route.StartsWith("POST", StringComparison.Ordinal) ? HttpStatusCode.Created : HttpStatusCode.OK);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesByScope))]
    public async Task Every_api_route_serves_the_scopes_it_is_for_and_refuses_the_others(string route, string scope, HttpStatusCode expected)
    {
        var token = scope switch { "none" => null, "user" => server.Keys.Alice, "creator" => server.Keys.Carol, _ => server.Keys.Root };
        var (status, body) = await CallAsync(route, token);
        Assert.Equal(expected, status);
        if ((int)status >= 400) Assert.False(string.IsNullOrWhiteSpace((string?)body!["error"]));
    }

    [Fact]
    public async Task A_creator_may_tag_only_the_competitions_they_registered()
    {
        var name = await RegisterAsync(server.Keys.Carol);
        var dave = server.Store.Mint(ApiKeyScope.Creator, "dave").ToString();
        var (status, body) = await server.SendAsync(dave, HttpMethod.Put, $"/api/competitions/{name}/tags", Json("""{"tags": ["mine"]}"""));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("someone else", (string?)body!["error"]);
        // Competitions the operator placed have no owner: only admins tag them.
        (status, body) = await server.SendAsync(server.Keys.Carol, HttpMethod.Put, "/api/competitions/spaceship-titanic/tags", Json("""{"tags": ["x"]}"""));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("operator", (string?)body!["error"]);
    }

    [Fact]
    public async Task Another_user_cannot_read_or_close_an_episode_through_the_api()
    {
        var id = await ResetAsAliceAsync();
        foreach (var route in EpisodeRoutes)
        {
            var (method, path) = Split(route.Replace("{id}", id));
            var (status, body) = await server.SendAsync(server.Keys.Bob, method, path);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("someone else", (string?)body!["error"]);
        }
    }

    private async Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?)> CallAsync(string route, string? token)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var (method, path) = Split(route);
        HttpContent? content = null;
        if (route.Contains("{id}")) path = path.Replace("{id}", await ResetAsAliceAsync());
        switch (route)
        {
            case "POST /api/competitions":
                server.PrepareImport("dir-" + unique);
                content = Json($$"""{"name": "reg-{{unique}}", "directory": "dir-{{unique}}"}""");
                break;
            case "POST /api/competitions/{name}/archive":
                path = path.Replace("{name}", "arc-" + unique);
                content = new ByteArrayContent(Archives.TarGz(server.PrepareImport("arc-src-" + unique)));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
                break;
            case "PUT /api/competitions/{name}/tags":
                path = path.Replace("{name}", await RegisterAsync(server.Keys.Carol));
                content = Json("""{"tags": ["tabular", "tested"]}""");
                break;
            case "POST /api/keys":
                content = Json("""{"scope": "user", "owner": "dave"}""");
                break;
            case "DELETE /api/keys/{lookup}":
                path = path.Replace("{lookup}", server.Store.Mint(ApiKeyScope.User, "erin").Lookup);
                break;
        }
        return await server.SendAsync(token, method, path.Replace("{name}", "spaceship-titanic"), content);
    }

    private async Task<string> RegisterAsync(string token)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        server.PrepareImport("dir-" + unique);
        var (status, body) = await server.SendAsync(token, HttpMethod.Post, "/api/competitions", Json($$"""{"name": "own-{{unique}}", "directory": "dir-{{unique}}"}"""));
        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        return "own-" + unique;
    }

    private async Task<string> ResetAsAliceAsync()
    {
        var id = "api-" + Guid.NewGuid().ToString("N")[..10];
        var (status, body) = await server.PostAsync("/reset", $$"""{"competition": "spaceship-titanic", "episode_id": "{{id}}"}""");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return id;
    }

    private static (HttpMethod, string) Split(string route)
    {
        var space = route.IndexOf(' ');
        return (new HttpMethod(route[..space]), route[(space + 1)..]);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

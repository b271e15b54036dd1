using System.Net.Http.Json;
using System.Net;
using MLEDojo.Gateway.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class DescriptionTests(GatewayServer server)
{
    [Fact]
    public async Task Health_says_the_gateway_is_healthy_and_protected_by_api_keys()
    {
        using var anonymous = server.ClientFor(null);
        using var response = await anonymous.GetAsync("/health");
        var (status, health) = (response.StatusCode, (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", (string?)health["status"]);
        Assert.Equal("api keys (Authorization: Bearer mlk_...)", (string?)health["auth"]);
    }

    [Fact]
    public async Task Metadata_has_openenvs_fields()
    {
        var (_, metadata) = await server.GetAsync("/metadata");
        Assert.Equal("mle-dojo", (string?)metadata["name"]);
        foreach (var key in new[] { "description", "readme_content", "version", "author", "documentation_url" })
            Assert.True(metadata.ContainsKey(key), key);
    }

    [Fact]
    public async Task Schema_describes_actions_observations_and_state()
    {
        var (_, schema) = await server.GetAsync("/schema");
        var action = schema["action"]!.ToJsonString();
        foreach (var type in new[] { "request_info", "validate_code", "execute_code", "get_history" })
            Assert.Contains(type, action);
        Assert.Contains("info_type", action);
        var observation = schema["observation"]!["properties"]!.AsObject();
        foreach (var key in new[] { "action_status", "feedback", "current_raw_score", "current_position_score", "best_raw_score", "best_position_score", "history_summary", "steps_left", "time_left_s", "execution" })
            Assert.True(observation.ContainsKey(key), key);
        var state = schema["state"]!["properties"]!.AsObject();
        Assert.True(state.ContainsKey("episode_id") && state.ContainsKey("step_count"));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_http_routes()
    {
        var (status, document) = await server.GetAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/reset", "/step", "/state", "/health", "/schema", "/metadata" })
            Assert.True(paths.ContainsKey(path), path);
        Assert.Contains("episode_id", document["components"]!.ToJsonString());
        Assert.Contains("competition", paths["/reset"]!["post"]!["requestBody"]!.ToJsonString() + document["components"]!.ToJsonString());
        Assert.NotNull(paths["/step"]!["post"]!["requestBody"]!["content"]!["application/json"]);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_routes_and_their_bodies()
    {
        var (_, document) = await server.GetAsync("/openapi.json");
        var paths = document["paths"]!.AsObject();
        foreach (var (path, method) in new[]
        {
            ("/api/competitions", "get"), ("/api/competitions", "post"), ("/api/competitions/{name}", "get"),
            ("/api/competitions/{name}/info/{infoType}", "get"), ("/api/competitions/{name}/leaderboard", "get"),
            ("/api/competitions/{name}/archive", "post"), ("/api/competitions/{name}/tags", "put"),
            ("/api/episodes/{id}", "get"), ("/api/episodes/{id}", "delete"), ("/api/episodes/{id}/history", "get"),
            ("/api/episodes/{id}/trajectory", "get"), ("/api/episodes/{id}/close", "post"),
            ("/api/keys", "get"), ("/api/keys", "post"), ("/api/keys/{lookup}", "delete"),
        })
            Assert.True(paths[path]?[method] is not null, $"{method} {path}");
        Assert.NotNull(paths["/api/competitions/{name}/archive"]!["post"]!["requestBody"]!["content"]!["application/gzip"]);
        Assert.NotNull(paths["/api/keys"]!["post"]!["requestBody"]!["content"]!["application/json"]);
        Assert.DoesNotContain("{**rest}", paths.ToJsonString());
    }

    [Fact]
    public async Task A_plain_get_on_the_websocket_route_is_refused()
    {
        var (status, error) = await server.GetAsync("/ws");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("WebSocket", (string?)error["error"]);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Gateway.Tests;

/// <summary>Per-key quotas: each test uses its own key, so the tests share one tight server without sharing counts.</summary>
public sealed class QuotaTests(TightQuotaGatewayServer server) : IClassFixture<TightQuotaGatewayServer>
{
    private const string Execute = """{"action_type": "execute_code", "code": "#copy 2_baseline_model.csv"}""";

    [Fact]
    public async Task Executions_past_the_per_minute_quota_are_429_with_retry_after()
    {
        using var client = server.ClientFor(Mint("executor"));
        var id = await ResetAsync(client);
        for (var i = 0; i < TightQuotaGatewayServer.ExecutionsPerMinute; i++)
            Assert.Equal(HttpStatusCode.OK, (await StepAsync(client, id, Execute)).StatusCode);

        using var refused = await StepAsync(client, id, Execute);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);
        Assert.Contains("executions a minute", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(client, id, """{"action_type": "get_history"}""")).StatusCode);
    }

    [Fact]
    public async Task Executions_past_the_quota_over_ws_are_a_capacity_error_frame_and_the_connection_survives()
    {
        using var ws = await server.ConnectAsync(Mint("ws-executor"));
        Assert.Equal("observation", (string?)(await ws.AskAsync("""{"type": "reset", "data": {"competition": "spaceship-titanic"}}"""))["type"]);
        for (var i = 0; i < TightQuotaGatewayServer.ExecutionsPerMinute; i++)
            Assert.Equal("observation", (string?)(await ws.AskAsync($$"""{"type": "step", "data": {{Execute}}}"""))["type"]);

        var refused = await ws.AskAsync($$"""{"type": "step", "data": {{Execute}}}""");
        Assert.Equal("error", (string?)refused["type"]);
        Assert.Equal("CAPACITY_REACHED", (string?)refused["data"]!["code"]);
        Assert.InRange((int)refused["data"]!["retry_after_s"]!, 1, 60);
        Assert.Equal("observation", (string?)(await ws.AskAsync("""{"type": "step", "data": {"action_type": "get_history"}}"""))["type"]);
    }

    [Fact]
    public async Task Open_episodes_past_the_quota_are_429_until_one_is_closed()
    {
        var token = Mint("opener");
        using var client = server.ClientFor(token);
        for (var i = 0; i < TightQuotaGatewayServer.OpenEpisodes; i++) await ResetAsync(client);

        using var refused = await client.PostAsync("/reset", Json("""{"competition": "spaceship-titanic"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        using (var ws = await server.ConnectAsync(token))
        {
            var capacity = await ws.AskAsync("""{"type": "reset", "data": {"competition": "spaceship-titanic"}}""");
            Assert.Equal("CAPACITY_REACHED", (string?)capacity["data"]!["code"]);
            // The quota does not stop the key from resuming and closing an episode it already has.
            var first = (await server.Store.OpenEpisodesAsync(Lookup(token)))[0];
            Assert.Equal("observation", (string?)(await ws.AskAsync($$$"""{"type": "reset", "data": {"episode_id": "{{{first}}}"}}"""))["type"]);
            Assert.Equal("state", (string?)(await ws.AskAsync("""{"type": "close"}"""))["type"]);
        }
        await ResetAsync(client);
    }

    [Fact]
    public async Task Past_the_in_flight_execution_bound_new_episodes_get_503_and_capacity_reached_while_resumes_go_on()
    {
        var backPressure = server.Services.GetRequiredService<ExecutionBackPressure>();
        using var busy = server.ClientFor(Mint("busy"));
        var busyEpisode = await ResetAsync(busy);
        var sleeping = StepAsync(busy, busyEpisode, """{"action_type": "execute_code", "code": "#sleep 3000"}""");
        while (backPressure.InFlight < TightQuotaGatewayServer.InFlightExecutions) await Task.Delay(10);

        var token = Mint("newcomer");
        using var newcomer = server.ClientFor(token);
        using (var refused = await newcomer.PostAsync("/reset", Json("""{"competition": "spaceship-titanic"}""")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Contains("capacity", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        }
        using (var ws = await server.ConnectAsync(token))
        {
            var capacity = await ws.AskAsync("""{"type": "reset", "data": {"competition": "spaceship-titanic"}}""");
            Assert.Equal("CAPACITY_REACHED", (string?)capacity["data"]!["code"]);
        }
        Assert.Equal(HttpStatusCode.OK, (await busy.PostAsync("/reset", Json($$$"""{"episode_id": "{{{busyEpisode}}}"}"""))).StatusCode);

        using var finished = await sleeping;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        await ResetAsync(newcomer);
    }

    private string Mint(string owner) => server.Store.Mint(ApiKeyScope.User, owner + "-" + Guid.NewGuid().ToString("N")).ToString();

    private static string Lookup(string token) => ApiKeyToken.TryParse(token)!.Lookup;

    private static async Task<string> ResetAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/reset", Json("""{"competition": "spaceship-titanic"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["episode_id"]!;
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, string id, string action) =>
        client.PostAsync("/step", Json($$"""{"episode_id": "{{id}}", "action": {{action}}}"""));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

using System.Net;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HttpEpisodeTests(GatewayServer server)
{
    private const string Competition = "spaceship-titanic";
    private const string Submission = "2_baseline_model.csv";

    [Fact]
    public async Task A_whole_episode_over_http_scores_the_reference_submission()
    {
        var (status, reset) = await server.PostAsync("/reset", $$$"""
            {"env": "mle", "competition": "{{{Competition}}}", "seed": 7, "episode_id": "http-whole",
             "options": {"max_steps": 10, "execution_timeout_s": 60, "episode_time_budget_s": 3600, "score_mode": "raw",
                         "reward_mode": "score", "resource_class": "cpu", "agent_name": "http-agent"}}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("http-whole", (string?)reset["episode_id"]);
        Assert.Null(reset["reward"]);
        Assert.False((bool)reset["done"]!);
        var observation = reset["observation"]!.AsObject();
        Assert.Equal("SUCCESS", (string?)observation["action_status"]);
        Assert.Equal(10, (int)observation["steps_left"]!);
        foreach (var key in new[] { "feedback", "current_raw_score", "current_position_score", "best_raw_score", "best_position_score", "history_summary", "steps_taken", "time_left_s", "error", "info", "execution" })
            Assert.True(observation.ContainsKey(key), key);

        var (_, info) = await Step("http-whole", """{"action_type": "request_info", "info_type": "overview"}""");
        Assert.False(string.IsNullOrWhiteSpace((string?)info["observation"]!["info"]!["overview"]));
        Assert.Equal(0.0, (double)info["reward"]!);

        var (_, executed) = await Step("http-whole", $$$"""{"action_type": "execute_code", "code": "#copy {{{Submission}}}"}""");
        var expected = ReferenceScores.For(Competition, Submission).RawScore;
        Assert.Equal(expected, (double)executed["observation"]!["current_raw_score"]!, 12);
        Assert.Equal(expected, (double)executed["observation"]!["execution"]!["submission"]!["raw_score"]!, 12);
        Assert.Equal("success", (string?)executed["observation"]!["execution"]!["status"]);
        Assert.Equal(expected, (double)executed["reward"]!, 12);

        var (_, history) = await Step("http-whole", """{"action_type": "get_history"}""");
        var entries = history["observation"]!["history"]!.AsArray();
        Assert.Equal(["request_info", "execute_code"], entries.Select(e => (string)e!["action_type"]!));

        var (stateStatus, state) = await server.GetAsync("/state?episode_id=http-whole");
        Assert.Equal(HttpStatusCode.OK, stateStatus);
        Assert.Equal(3, (int)state["step_count"]!);
        Assert.Equal("running", (string?)state["status"]);
        Assert.Equal(Competition, (string?)state["competition"]);
        Assert.Equal(expected, (double)state["best_raw_score"]!, 12);
    }

    [Fact]
    public async Task A_retried_request_id_is_answered_from_the_record_and_runs_once()
    {
        await Reset("http-retry");
        var body = $$$"""{"episode_id": "http-retry", "request_id": "r-1", "action": {"action_type": "execute_code", "code": "#copy {{{Submission}}}"}}""";
        var (_, first) = await server.PostAsync("/step", body);
        var (_, again) = await server.PostAsync("/step", body);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Single(server.Runner.RunsIn("http-retry"));
        Assert.Equal(1, (int)(await server.GetAsync("/state?episode_id=http-retry")).Body["step_count"]!);
    }

    [Fact]
    public async Task A_reset_naming_an_existing_episode_resumes_it()
    {
        await Reset("http-resume");
        await Step("http-resume", """{"action_type": "request_info", "info_type": "name"}""");
        var (status, resumed) = await server.PostAsync("/reset", """{"episode_id": "http-resume"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)resumed["observation"]!["steps_taken"]!);
        Assert.Contains("Resumed", (string?)resumed["observation"]!["feedback"]);
        var (conflict, error) = await server.PostAsync("/reset", """{"competition": "home-data-for-ml-course", "episode_id": "http-resume"}""");
        Assert.Equal(HttpStatusCode.BadRequest, conflict);
        Assert.Contains(Competition, (string?)error["error"]);
    }

    [Theory]
    [InlineData("/reset", "{\"competition\": ", "Invalid JSON")]
    [InlineData("/reset", "{\"competition\": 42}", "$.competition")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"seed\": \"seven\"}", "$.seed must be an integer")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"options\": {\"max_stepz\": 3}}", "Unknown option 'max_stepz'")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"options\": {\"memory_limit_mb\": 512}}", "memory_limit_mb is not supported by this server")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"options\": {\"gpu_memory_limit_mb\": 512}}", "gpu_memory_limit_mb is not supported by this server")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"options\": {\"score_mode\": \"best\"}}", "$.options.score_mode must be one of \"position\", \"raw\"")]
    [InlineData("/reset", "{\"competition\": \"spaceship-titanic\", \"options\": {\"max_steps\": 100000}}", "MaxSteps")]
    [InlineData("/reset", "{\"competition\": \"no-such-competition\"}", "no-such-competition")]
    [InlineData("/reset", "", "competition is required")]
    [InlineData("/step", "{\"episode_id\": \"http-errors\", \"action\": {\"action_type\": \"dance\"}}", "Unknown action_type \"dance\"")]
    [InlineData("/step", "{\"episode_id\": \"http-errors\", \"action\": {\"action_type\": \"execute_code\", \"code\": 5}}", "$.action.code")]
    [InlineData("/step", "{\"episode_id\": \"http-errors\", \"action\": {\"action_type\": \"execute_code\"}}", "code")]
    [InlineData("/step", "{\"episode_id\": \"http-errors\"}", "action")]
    [InlineData("/step", "[1, 2]", "must be a JSON object")]
    [InlineData("/step", "{\"episode_id\": \"\", \"action\": {\"action_type\": \"get_history\"}}", "episode_id must have 1-200 characters")]
    [InlineData("/step", "{\"episode_id\": \"http-errors\", \"action\": {\"action_type\": \"get_history\"}, \"request_id\": 9}", "$.request_id must be a string")]
    public async Task Malformed_requests_get_400_and_the_episode_survives(string path, string body, string expected)
    {
        await Reset("http-errors");
        var (status, error) = await server.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string?)error["error"]);
        var (after, step) = await Step("http-errors", """{"action_type": "request_info", "info_type": "name"}""");
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("SUCCESS", (string?)step["observation"]!["action_status"]);
    }

    [Fact]
    public async Task A_body_without_a_json_content_type_is_still_read()
    {
        using var response = await server.Http.PostAsync("/reset", new StringContent("""{"competition": "spaceship-titanic", "episode_id": "http-form"}""", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_gets_400_and_the_episode_survives()
    {
        await Reset("http-oversized");
        var code = new string('x', GatewayServer.MaxMessageBytes + 1);
        var (status, error) = await server.PostAsync("/step", new JsonObject
        {
            ["episode_id"] = "http-oversized",
            ["action"] = new JsonObject { ["action_type"] = "execute_code", ["code"] = code },
        }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("larger than this server's limit", (string?)error["error"]);
        Assert.Empty(server.Runner.RunsIn("http-oversized"));
        Assert.Equal(HttpStatusCode.OK, (await Step("http-oversized", """{"action_type": "get_history"}""")).Status);
    }

    [Fact]
    public async Task Unknown_episodes_are_404_and_a_refused_action_is_an_observation_with_an_error()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/state?episode_id=never-reset")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.GetAsync("/state")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Step("never-reset", """{"action_type": "get_history"}""")).Status);

        await Reset("http-refused");
        var (status, refused) = await Step("http-refused", """{"action_type": "request_info", "info_type": "horoscope"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FAILED", (string?)refused["observation"]!["action_status"]);
        Assert.Contains("horoscope", (string?)refused["observation"]!["error"]);
        Assert.Null(refused["reward"]);
    }

    private async Task Reset(string episodeId)
    {
        var (status, body) = await server.PostAsync("/reset", $$$"""{"competition": "{{{Competition}}}", "episode_id": "{{{episodeId}}}"}""");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
    }

    private Task<(HttpStatusCode Status, JsonObject Body)> Step(string episodeId, string action) =>
        server.PostAsync("/step", $$$"""{"episode_id": "{{{episodeId}}}", "action": {{{action}}}}""");
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.DataSelect;
using MLEDojo.Gateway.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class DataSelectGatewayTests(GatewayServer server)
{
    private const string Balanced = """{"action_type": "select_batch", "batch_size": 10, "strategy_weights": {"uncertainty": 0.4, "diversity": 0.4, "random": 0.2}}""";

    private async Task<JsonObject> Reset(string episodeId, string task = "medium", int seed = 42)
    {
        var (status, body) = await server.PostAsync("/reset", $$"""{"env": "data-select", "task_id": "{{task}}", "seed": {{seed}}, "episode_id": "{{episodeId}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private Task<(HttpStatusCode Status, JsonObject Body)> Step(string episodeId, string action) =>
        server.PostAsync("/step", $$"""{"episode_id": "{{episodeId}}", "action": {{action}}}""");

    [Fact]
    public async Task A_whole_episode_over_http_matches_the_library_and_is_graded()
    {
        var reset = await Reset("ds-http-whole", "hard");
        var observation = reset["observation"]!;
        Assert.Equal(100, (int)observation["remaining_budget"]!);
        Assert.Equal(1100, (int)observation["samples_available"]!);
        foreach (var key in new[] { "diversity_score", "noise_estimate", "current_performance" }) Assert.NotNull(observation[key]);

        var expected = DataSelectEnvironment.Reset(DataSelectTask.Hard, 42);
        JsonObject last = reset;
        while (!(bool)last["done"]!)
        {
            var (status, step) = await Step("ds-http-whole", Balanced);
            Assert.Equal(HttpStatusCode.OK, status);
            var direct = expected.Step(FixedAgent.Balanced().Act(expected.Observation));
            Assert.Equal(direct.Reward, (double)step["reward"]!, 12);
            Assert.Equal(direct.Selection!.NoiseRatio, (double)step["observation"]!["selection"]!["noise_ratio"]!, 12);
            last = step;
        }
        Assert.Equal(20, (int)last["observation"]!["remaining_budget"]!);

        var (stateStatus, state) = await server.GetAsync("/state?episode_id=ds-http-whole");
        Assert.Equal(HttpStatusCode.OK, stateStatus);
        Assert.Equal("data-select", (string?)state["env"]);
        Assert.Equal("hard", (string?)state["task_id"]);
        Assert.Equal(8, (int)state["step_count"]!);
        Assert.Equal("done", (string?)state["status"]);

        var (gradeStatus, grade) = await server.PostAsync("/grader", """{"episode_id": "ds-http-whole", "task_id": "hard"}""");
        Assert.Equal(HttpStatusCode.OK, gradeStatus);
        Assert.Equal(expected.Grade().Score, (double)grade["score"]!, 12);
        Assert.True((bool)grade["done"]!);
        Assert.Equal(80, (double)grade["breakdown"]!["budget_used"]!);
    }

    [Fact]
    public async Task A_websocket_episode_is_graded_too_and_stop_with_batch_size_zero_ends_it()
    {
        using var ws = await server.ConnectAsync();
        var reset = await ws.AskAsync("""{"type": "reset", "data": {"env": "data-select", "task_id": "easy", "episode_id": "ds-ws"}}""");
        Assert.Equal("observation", (string?)reset["type"]);
        Assert.Equal(300, (int)reset["data"]!["observation"]!["remaining_budget"]!);
        var step = await ws.AskAsync($$"""{"type": "step", "data": {{Balanced}}}""");
        Assert.Equal(290, (int)step["data"]!["observation"]!["remaining_budget"]!);
        var stop = await ws.AskAsync("""{"type": "step", "data": {"action_type": "stop", "batch_size": 0, "strategy_weights": {"random": 1}}}""");
        Assert.True((bool)stop["data"]!["done"]!);
        Assert.Equal("stop", (string?)stop["data"]!["observation"]!["end_reason"]);

        var (status, grade) = await server.PostAsync("/grader", """{"episode_id": "ds-ws"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("easy", (string?)grade["task_id"]);
        Assert.InRange((double)grade["score"]!, 0, 1);
    }

    [Fact]
    public async Task Bad_actions_get_clear_errors_over_http()
    {
        await Reset("ds-http-bad");
        var refused = new (string Action, string Message)[]
        {
            ("""{"action_type": "select_batch", "batch_size": -1, "strategy_weights": {"random": 1}}""", "batch_size must be >= 0"),
            ("""{"action_type": "select_batch", "batch_size": 10, "strategy_weights": {"random": 0}}""", "must not all be 0"),
            ("""{"action_type": "select_batch", "batch_size": 10, "strategy_weights": {"random": -2}}""", "strategy_weights.random must be a finite number >= 0"),
            ("""{"action_type": "execute_code", "code": "print(1)"}""", "not a data-select action"),
        };
        foreach (var (action, message) in refused)
        {
            var (status, body) = await Step("ds-http-bad", action);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(message, (string?)body["observation"]!["error"]);
            Assert.Null(body["reward"]);
        }
        var malformed = new (string Action, string Message)[]
        {
            ("""{"action_type": "select_batch", "strategy_weights": {"random": 1}}""", "batch_size"),
            ("""{"action_type": "select_batch", "batch_size": 10}""", "strategy_weights"),
            ("""{"action_type": "select_batch", "batch_size": "ten", "strategy_weights": {"random": 1}}""", "must be an integer"),
            ("""{"action_type": "select_batch", "batch_size": 10, "strategy_weights": {"greedy": 1}}""", "Unknown field 'greedy'"),
            ("""{"action_type": "label_everything"}""", "select_batch, stop"),
        };
        foreach (var (action, message) in malformed)
        {
            var (status, body) = await Step("ds-http-bad", action);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(message, (string?)body["error"]);
        }
        Assert.Equal(0, (int)(await server.GetAsync("/state?episode_id=ds-http-bad")).Body["step_count"]!);
    }

    [Fact]
    public async Task Bad_resets_and_grader_requests_get_clear_errors()
    {
        var resets = new (string Body, string Message)[]
        {
            ("""{"env": "data-select", "task_id": "extreme"}""", "Unknown task_id 'extreme'; one of easy, medium, hard"),
            ("""{"env": "gym"}""", "Unknown env 'gym'"),
            ("""{"env": "data-select", "competition": "spaceship-titanic"}""", "competition belongs to env \"mle\""),
            ("""{"env": "data-select", "options": {"max_steps": 3}}""", "max_steps does not apply"),
            ("""{"env": "data-select", "seed": -3}""", "seed must be >= 0"),
            ("""{"competition": "spaceship-titanic", "task_id": "easy"}""", "task_id belongs to env \"data-select\""),
        };
        foreach (var (body, message) in resets)
        {
            var (status, error) = await server.PostAsync("/reset", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(message, (string?)error["error"]);
        }

        await Reset("ds-grader-checks", "easy");
        var (mismatch, mismatchBody) = await server.PostAsync("/grader", """{"episode_id": "ds-grader-checks", "task_id": "hard"}""");
        Assert.Equal(HttpStatusCode.BadRequest, mismatch);
        Assert.Contains("task_id mismatch", (string?)mismatchBody["error"]);
        var (resumeConflict, conflictBody) = await server.PostAsync("/reset", """{"env": "data-select", "task_id": "hard", "episode_id": "ds-grader-checks"}""");
        Assert.Equal(HttpStatusCode.BadRequest, resumeConflict);
        Assert.Contains("data-select task 'easy'", (string?)conflictBody["error"]);
        var (running, runningBody) = await server.PostAsync("/grader", """{"episode_id": "ds-grader-checks"}""");
        Assert.Equal(HttpStatusCode.OK, running);
        Assert.False((bool)runningBody["done"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await server.PostAsync("/grader", """{"episode_id": "ds-never-reset"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PostAsync("/grader", """{"task_id": "easy"}""")).Status);

        await server.PostAsync("/reset", """{"competition": "spaceship-titanic", "episode_id": "ds-grader-mle"}""");
        var (mle, mleBody) = await server.PostAsync("/grader", """{"episode_id": "ds-grader-mle"}""");
        Assert.Equal(HttpStatusCode.BadRequest, mle);
        Assert.Contains("/grader grades data-select episodes", (string?)mleBody["error"]);

        using var bob = server.ClientFor(server.Keys.Bob);
        using var response = await bob.PostAsync("/grader", new StringContent("""{"episode_id": "ds-grader-checks"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var anonymous = server.ClientFor(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/tasks")).StatusCode);
    }

    [Fact]
    public async Task Bad_actions_get_clear_errors_over_the_websocket()
    {
        using var ws = await server.ConnectAsync();
        var badReset = await ws.AskAsync("""{"type": "reset", "data": {"env": "data-select", "task_id": "nope"}}""");
        Assert.Equal("VALIDATION_ERROR", (string?)badReset["data"]!["code"]);
        Assert.Contains("Unknown task_id 'nope'", (string?)badReset["data"]!["message"]);
        await ws.AskAsync("""{"type": "reset", "data": {"env": "data-select", "task_id": "medium", "episode_id": "ds-ws-bad"}}""");
        var malformed = await ws.AskAsync("""{"type": "step", "data": {"action_type": "select_batch", "batch_size": 5}}""");
        Assert.Equal("VALIDATION_ERROR", (string?)malformed["data"]!["code"]);
        Assert.Contains("strategy_weights", (string?)malformed["data"]!["message"]);
        var refused = await ws.AskAsync("""{"type": "step", "data": {"action_type": "select_batch", "batch_size": 5, "strategy_weights": {"uncertainty": 0}}}""");
        Assert.Equal("observation", (string?)refused["type"]);
        Assert.Contains("must not all be 0", (string?)refused["data"]!["observation"]!["error"]);
        var fine = await ws.AskAsync("""{"type": "step", "data": {"action_type": "select_batch", "batch_size": 5, "strategy_weights": {"uncertainty": 1}, "request_id": "w-1"}}""");
        Assert.Equal(145, (int)fine["data"]!["observation"]!["remaining_budget"]!);
    }

    [Fact]
    public async Task Tasks_baseline_and_schema_describe_data_select()
    {
        var (tasksStatus, tasks) = await server.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.OK, tasksStatus);
        Assert.Equal(["easy", "medium", "hard"], tasks["tasks"]!.AsArray().Select(t => (string)t!["task_id"]!));
        Assert.Equal(100, (int)tasks["tasks"]![2]!["budget"]!);
        Assert.NotNull(tasks["action_schema"]!["strategy_weights"]);

        var (baselineStatus, baseline) = await server.GetAsync("/baseline");
        Assert.Equal(HttpStatusCode.OK, baselineStatus);
        Assert.Equal(42, (int)baseline["seed"]!);
        var expected = DataSelectBaseline.PlayAll(42, FixedAgent.Balanced);
        foreach (var task in DataSelectTask.Ids)
        {
            Assert.Equal(expected[task].Grade.Score, (double)baseline["results"]![task]!["score"]!, 12);
            Assert.Equal(expected[task].FinalPerformance, (double)baseline["results"]![task]!["final_performance"]!, 12);
        }

        var schema = (await server.GetAsync("/schema")).Body.ToJsonString();
        foreach (var key in new[] { "select_batch", "strategy_weights", "remaining_budget", "noise_estimate", "samples_available" })
            Assert.Contains(key, schema);
    }
}

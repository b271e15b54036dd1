using System.Net.WebSockets;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class WebSocketEpisodeTests(GatewayServer server)
{
    private const string Competition = "home-data-for-ml-course";
    private const string Submission = "7_blend_half_baseline_half_truth.csv";

    [Fact]
    public async Task A_whole_episode_over_the_websocket()
    {
        using var ws = await server.ConnectAsync();
        var reset = await ws.AskAsync($$$$"""{"type": "reset", "data": {"competition": "{{{{Competition}}}}", "episode_id": "ws-whole", "options": {"agent_name": "ws-agent", "max_steps": 5}}}""");
        Assert.Equal("observation", (string?)reset["type"]);
        Assert.Null(reset["data"]!["reward"]);
        Assert.False((bool)reset["data"]!["done"]!);
        Assert.Equal("ws-whole", (string?)reset["data"]!["episode_id"]);

        var info = await ws.AskAsync("""{"type": "step", "data": {"action_type": "request_info", "info_type": "overview"}}""");
        Assert.False(string.IsNullOrWhiteSpace((string?)info["data"]!["observation"]!["info"]!["overview"]));

        var validated = await ws.AskAsync($$$"""{"type": "step", "data": {"action_type": "validate_code", "code": "#copy {{{Submission}}}"}}""");
        Assert.Equal("SUCCESS", (string?)validated["data"]!["observation"]!["action_status"]);

        var executed = await ws.AskAsync($$$"""{"type": "step", "data": {"code": "#copy {{{Submission}}}", "action_type": "execute_code"}}""");
        Assert.Equal(ReferenceScores.For(Competition, Submission).RawScore, (double)executed["data"]!["observation"]!["current_raw_score"]!, 9);

        var history = await ws.AskAsync("""{"type": "step", "data": {"action_type": "get_history"}}""");
        Assert.Equal(3, history["data"]!["observation"]!["history"]!.AsArray().Count);

        var state = await ws.AskAsync("""{"type": "state"}""");
        Assert.Equal("state", (string?)state["type"]);
        Assert.Equal("ws-whole", (string?)state["data"]!["episode_id"]);
        Assert.Equal(4, (int)state["data"]!["step_count"]!);

        var closed = await ws.AskAsync("""{"type": "close"}""");
        Assert.Equal("closed", (string?)closed["data"]!["status"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var end = await ws.Socket.ReceiveAsync(new byte[16], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
    }

    [Fact]
    public async Task A_dropped_connection_keeps_the_episode_and_a_reset_by_id_resumes_it()
    {
        using (var first = await server.ConnectAsync())
        {
            await first.AskAsync($$$"""{"type": "reset", "data": {"competition": "{{{Competition}}}", "episode_id": "ws-resume"}}""");
            await first.AskAsync($$$"""{"type": "step", "data": {"action_type": "execute_code", "code": "#copy {{{Submission}}}", "request_id": "ws-r1"}}""");
            first.Drop();
        }

        using var second = await server.ConnectAsync();
        var resumed = await second.AskAsync("""{"type": "reset", "data": {"episode_id": "ws-resume"}}""");
        Assert.Equal("observation", (string?)resumed["type"]);
        Assert.Equal(1, (int)resumed["data"]!["observation"]!["steps_taken"]!);
        Assert.Equal(ReferenceScores.For(Competition, Submission).RawScore, (double)resumed["data"]!["observation"]!["best_raw_score"]!, 9);

        // The trainer did not see the first answer; retrying with its request id must not run the code again.
        var retried = await second.AskAsync($$$"""{"type": "step", "data": {"action_type": "execute_code", "code": "#copy {{{Submission}}}", "request_id": "ws-r1"}}""");
        Assert.Equal(1, (int)retried["data"]!["observation"]!["steps_taken"]!);
        Assert.Single(server.Runner.RunsIn("ws-resume"));
        var next = await second.AskAsync("""{"type": "step", "data": {"action_type": "request_info", "info_type": "name"}}""");
        Assert.Equal(2, (int)next["data"]!["observation"]!["steps_taken"]!);
    }

    [Theory]
    [InlineData("{\"type\": \"step\", ", "INVALID_JSON")]
    [InlineData("{\"type\": \"mcp\", \"data\": {\"jsonrpc\": \"2.0\", \"method\": \"tools/list\", \"id\": 1}}", "UNKNOWN_TYPE")]
    [InlineData("{\"type\": \"teleport\"}", "UNKNOWN_TYPE")]
    [InlineData("{\"data\": {}}", "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"step\", \"data\": {\"action_type\": \"dance\"}}", "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"step\", \"data\": {\"action_type\": \"request_info\", \"info_type\": [\"overview\"]}}", "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"step\", \"data\": {\"action_type\": \"get_history\", \"request_id\": 3}}", "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"reset\", \"data\": {\"competition\": \"home-data-for-ml-course\", \"options\": {\"turbo\": true}}}", "VALIDATION_ERROR")]
    [InlineData("{\"type\": \"reset\", \"data\": {\"competition\": \"home-data-for-ml-course\", \"seed\": -1}}", "VALIDATION_ERROR")]
    public async Task Bad_frames_get_error_frames_and_the_connection_and_episode_survive(string frame, string code)
    {
        using var ws = await server.ConnectAsync();
        await ws.AskAsync($$$"""{"type": "reset", "data": {"competition": "{{{Competition}}}", "episode_id": "ws-errors"}}""");
        var before = (int)(await ws.AskAsync("""{"type": "state"}"""))["data"]!["step_count"]!;

        var error = await ws.AskAsync(frame);
        Assert.Equal("error", (string?)error["type"]);
        Assert.Equal(code, (string?)error["data"]!["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["data"]!["message"]));

        var step = await ws.AskAsync("""{"type": "step", "data": {"action_type": "request_info", "info_type": "name"}}""");
        Assert.Equal("SUCCESS", (string?)step["data"]!["observation"]!["action_status"]);
        Assert.Equal(before + 1, (int)step["data"]!["observation"]!["steps_taken"]!);
    }

    [Fact]
    public async Task An_unknown_option_is_named_in_the_error()
    {
        using var ws = await server.ConnectAsync();
        var error = await ws.AskAsync($$$$"""{"type": "reset", "data": {"competition": "{{{{Competition}}}}", "options": {"turbo": true}}}""");
        Assert.Contains("turbo", (string?)error["data"]!["message"]);
        Assert.Equal("$.options.turbo", (string?)error["data"]!["errors"]![0]!["loc"]);
    }

    [Fact]
    public async Task An_oversized_frame_is_refused_and_the_connection_and_episode_survive()
    {
        using var ws = await server.ConnectAsync();
        await ws.AskAsync($$$"""{"type": "reset", "data": {"competition": "{{{Competition}}}", "episode_id": "ws-oversized"}}""");
        var huge = new JsonObject
        {
            ["type"] = "step",
            ["data"] = new JsonObject { ["action_type"] = "execute_code", ["code"] = new string('x', 3 * GatewayServer.MaxMessageBytes) },
        };
        var error = await ws.AskAsync(huge);
        Assert.Equal("VALIDATION_ERROR", (string?)error["data"]!["code"]);
        Assert.Contains("larger than this server's limit", (string?)error["data"]!["message"]);
        Assert.Empty(server.Runner.RunsIn("ws-oversized"));
        var state = await ws.AskAsync("""{"type": "state"}""");
        Assert.Equal(0, (int)state["data"]!["step_count"]!);
    }

    [Fact]
    public async Task Steps_before_a_reset_are_a_session_error()
    {
        using var ws = await server.ConnectAsync();
        var error = await ws.AskAsync("""{"type": "step", "data": {"action_type": "get_history"}}""");
        Assert.Equal("SESSION_ERROR", (string?)error["data"]!["code"]);
        Assert.Equal("SESSION_ERROR", (string?)(await ws.AskAsync("""{"type": "state"}"""))["data"]!["code"]);
    }
}

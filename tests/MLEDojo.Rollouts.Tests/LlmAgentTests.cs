using MLEDojo.Abstractions;
using MLEDojo.Agents;
using MLEDojo.Agents.Llm;
using MLEDojo.Rollouts.Tests.Infrastructure;

namespace MLEDojo.Rollouts.Tests;

/// <summary>The LLM agent against a local OpenAI-compatible server replaying recorded completions.</summary>
public sealed class LlmAgentTests
{
    private const string ValidInfo = """{"action": "request_info", "params": {"info_type": "overview"}}""";
    private const string ValidCode = """{"action": "execute_code", "params": {"code": "import pandas as pd\nprint(1)"}}""";

    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task A_valid_answer_becomes_the_action_and_the_request_is_an_openai_chat_completion()
    {
        await using var server = new ReplayChatServer(ReplayedAnswer.Completion(ValidInfo, promptTokens: 321, completionTokens: 12));
        var agent = Agent(server);

        var decision = await agent.ActAsync(Turn(0), CancellationToken.None);

        Assert.Equal(EpisodeAction.RequestInfo("overview"), decision.Action);
        Assert.Equal(new[] { "/v1/chat/completions" }, server.Paths);
        var request = Assert.Single(server.Requests);
        Assert.Equal("replay-model", (string)request["model"]!);
        var messages = request["messages"]!.AsArray();
        Assert.Equal("system", (string)messages[0]!["role"]!);
        Assert.Contains("Position Score", (string)messages[0]!["content"]!);
        Assert.Contains("10 actions", (string)messages[0]!["content"]!);
        Assert.Contains("spaceship-titanic", (string)messages[0]!["content"]!);
        Assert.Equal("user", (string)messages[1]!["role"]!);
        Assert.Contains("9 actions and 3500 seconds left", (string)messages[1]!["content"]!);
        Assert.Equal(321, decision.Usage.PromptTokens);
        Assert.Equal(12, decision.Usage.CompletionTokens);
        Assert.Equal(0, decision.Usage.Reasks);
    }

    [Fact]
    public async Task An_answer_alone_in_a_json_block_is_accepted_and_the_next_turn_carries_the_conversation()
    {
        await using var server = new ReplayChatServer(
            ReplayedAnswer.Completion("```json\n" + ValidCode + "\n```"),
            ReplayedAnswer.Completion(ValidInfo));
        var agent = Agent(server);

        var first = await agent.ActAsync(Turn(0), CancellationToken.None);
        var second = await agent.ActAsync(Turn(1, status: Observation.Failed, feedback: "Traceback: KeyError: 'Age'"), CancellationToken.None);

        Assert.Equal(ActionType.ExecuteCode, first.Action!.Type);
        Assert.Equal("import pandas as pd\nprint(1)", first.Action.Code);
        Assert.Equal(ActionType.RequestInfo, second.Action!.Type);
        var messages = server.Requests[1]["messages"]!.AsArray();
        Assert.Equal(4, messages.Count);
        Assert.Equal("assistant", (string)messages[2]!["role"]!);
        Assert.Contains("#### Error Start ####", (string)messages[3]!["content"]!);
        Assert.Contains("KeyError: 'Age'", (string)messages[3]!["content"]!);
    }

    [Fact]
    public async Task Malformed_json_is_asked_again_with_the_parse_error_and_only_the_fixed_answer_stays_in_the_conversation()
    {
        await using var server = new ReplayChatServer(
            ReplayedAnswer.Completion("""{"action": "execute_code", "params": {"code": "print(1)"}"""),
            ReplayedAnswer.Completion(ValidCode),
            ReplayedAnswer.Completion(ValidInfo));
        var agent = Agent(server);

        var decision = await agent.ActAsync(Turn(0), CancellationToken.None);
        await agent.ActAsync(Turn(1), CancellationToken.None);

        Assert.Equal(ActionType.ExecuteCode, decision.Action!.Type);
        Assert.Equal(1, decision.Usage.Reasks);
        var reask = server.Requests[1]["messages"]!.AsArray();
        Assert.Contains("does not parse", (string)reask[^1]!["content"]!);
        Assert.Contains("\"action\": \"request_info\"", (string)reask[^1]!["content"]!);
        var next = server.Requests[2]["messages"]!.AsArray();
        Assert.Equal(4, next.Count);
        Assert.Equal(ValidCode, (string)next[2]!["content"]!);
    }

    [Fact]
    public async Task Refusals_are_asked_again_a_bounded_number_of_times_then_the_agent_fails_with_their_class()
    {
        await using var server = new ReplayChatServer(
            ReplayedAnswer.Refusal("I can't help with that."),
            ReplayedAnswer.Completion("I'm sorry, but I cannot assist with this request."),
            ReplayedAnswer.Refusal("I can't help with that."),
            ReplayedAnswer.Refusal("I can't help with that."),
            ReplayedAnswer.Completion(ValidInfo));
        var agent = Agent(server, o => o with { MaxReasks = 3 });

        var decision = await agent.ActAsync(Turn(0), CancellationToken.None);

        Assert.Null(decision.Action);
        Assert.Equal("agent_error", decision.StopReason);
        Assert.Equal("llm_refusal", decision.ErrorClass);
        Assert.Contains("refused", decision.Error);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(3, decision.Usage.Reasks);
    }

    [Theory]
    [InlineData("""{"action": "request_info", "params": {"info_type": "metric"}}""", "info_type")]
    [InlineData("""{"action": "execute_code", "params": {"code": ""}}""", "non-empty")]
    [InlineData("""{"action": "train_model", "params": {"code": "x"}}""", "must be one of")]
    [InlineData("""{"action": "execute_code", "params": {"code": "x"}, "thoughts": "..."}""", "exactly the keys")]
    [InlineData("""{"action": "validate_code", "params": {"code": "x", "timeout": 5}}""", "exactly the key")]
    [InlineData("Here is my plan:\n```json\n{\"action\": \"request_info\", \"params\": {\"info_type\": \"overview\"}}\n```\nand\n```json\n{\"action\": \"request_info\", \"params\": {\"info_type\": \"name\"}}\n```", "not a JSON object")]
    [InlineData("Sure! I will read the overview first.", "not a JSON object")]
    [InlineData("""["request_info"]""", "not a JSON object")]
    public void The_parser_is_strict_and_says_what_is_wrong(string response, string expected)
    {
        var parsed = ActionParser.Parse(response);
        Assert.Null(parsed.Action);
        Assert.Contains(expected, parsed.Error);
    }

    [Fact]
    public async Task Unparseable_answers_past_the_bound_fail_the_agent_as_a_parse_error()
    {
        await using var server = new ReplayChatServer(
            ReplayedAnswer.Completion("{not json"), ReplayedAnswer.Completion("{not json"), ReplayedAnswer.Completion(ValidInfo));
        var agent = Agent(server, o => o with { MaxReasks = 1 });

        var decision = await agent.ActAsync(Turn(0), CancellationToken.None);

        Assert.Equal("agent_parse_error", decision.ErrorClass);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_completion_past_its_timeout_is_asked_again_and_when_every_one_is_late_the_agent_fails_with_llm_timeout()
    {
        var late = TimeSpan.FromSeconds(5);
        await using (var server = new ReplayChatServer(ReplayedAnswer.Completion(ValidInfo).Late(late), ReplayedAnswer.Completion(ValidInfo)))
        {
            var decision = await Agent(server, o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) }).ActAsync(Turn(0), CancellationToken.None);
            Assert.Equal(EpisodeAction.RequestInfo("overview"), decision.Action);
            Assert.Equal(1, decision.Usage.Reasks);
        }
        await using (var server = new ReplayChatServer(ReplayedAnswer.Completion(ValidInfo).Late(late), ReplayedAnswer.Completion(ValidInfo).Late(late)))
        {
            var decision = await Agent(server, o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxReasks = 1 }).ActAsync(Turn(0), CancellationToken.None);
            Assert.Null(decision.Action);
            Assert.Equal("llm_timeout", decision.ErrorClass);
            Assert.Equal(2, (await server.RequestsOnceAsync(2, TimeSpan.FromSeconds(5))).Count);
        }
    }

    [Fact]
    public async Task A_failing_model_server_is_retried_then_reported_as_infrastructure_not_as_the_policys_failure()
    {
        await using (var server = new ReplayChatServer(ReplayedAnswer.Raw(503, "overloaded"), ReplayedAnswer.Completion(ValidInfo)))
        {
            var decision = await Agent(server).ActAsync(Turn(0), CancellationToken.None);
            Assert.Equal(EpisodeAction.RequestInfo("overview"), decision.Action);
        }
        await using (var server = new ReplayChatServer(ReplayedAnswer.Raw(500, "boom"), ReplayedAnswer.Raw(502, "boom"), ReplayedAnswer.Raw(500, "boom")))
        {
            var e = await Assert.ThrowsAsync<AgentInfrastructureException>(() => Agent(server, o => o with { MaxTransportRetries = 2 }).ActAsync(Turn(0), CancellationToken.None));
            Assert.Contains("500", e.Message);
            Assert.Equal(3, server.Requests.Count);
        }
        await using (var server = new ReplayChatServer(ReplayedAnswer.Raw(200, "<html>not a completion</html>")))
            await Assert.ThrowsAsync<AgentInfrastructureException>(() => Agent(server, o => o with { MaxTransportRetries = 0 }).ActAsync(Turn(0), CancellationToken.None));
    }

    [Fact]
    public async Task A_request_the_server_refuses_fails_the_agent_without_retrying()
    {
        await using var server = new ReplayChatServer(ReplayedAnswer.Raw(400, """{"error": {"message": "maximum context length exceeded"}}"""));
        var decision = await Agent(server).ActAsync(Turn(0), CancellationToken.None);
        Assert.Equal("llm_rejected", decision.ErrorClass);
        Assert.Contains("maximum context length", decision.Error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_agent_stops_at_its_token_prompt_and_time_budgets()
    {
        await using (var server = new ReplayChatServer(ReplayedAnswer.Completion(ValidInfo, promptTokens: 900, completionTokens: 200), ReplayedAnswer.Completion(ValidInfo)))
        {
            var agent = Agent(server, o => o with { MaxEpisodeTokens = 1000 });
            Assert.NotNull((await agent.ActAsync(Turn(0), CancellationToken.None)).Action);
            var stop = await agent.ActAsync(Turn(1), CancellationToken.None);
            Assert.Equal("token_budget", stop.StopReason);
            Assert.Null(stop.ErrorClass);
            Assert.Single(server.Requests);
        }
        await using (var server = new ReplayChatServer(ReplayedAnswer.Completion(ValidInfo)))
        {
            Assert.Equal("prompt_budget", (await Agent(server, o => o with { MaxPromptTokens = 50 }).ActAsync(Turn(0), CancellationToken.None)).StopReason);
            Assert.Equal("time_budget", (await Agent(server).ActAsync(Turn(0) with { TimeLeft = TimeSpan.Zero }, CancellationToken.None)).StopReason);
            Assert.Empty(server.Requests);
        }
    }

    [Fact]
    public void Long_feedback_is_cut_in_the_middle_keeping_the_traceback_end()
    {
        var text = "head " + new string('x', 50_000) + " KeyError: 'Age'";
        var cut = ObservationText.Cut(text, 1000);
        Assert.True(cut.Length < 1100);
        Assert.StartsWith("head ", cut);
        Assert.EndsWith("KeyError: 'Age'", cut);
        Assert.Contains("characters cut", cut);
    }

    [Fact]
    public void The_endpoint_gets_v1_when_it_lacks_it()
    {
        Assert.Equal("http://h:8000/v1/chat/completions", Options(new Uri("http://h:8000")).ChatCompletionsUrl.ToString());
        Assert.Equal("http://h:8000/v1/chat/completions", Options(new Uri("http://h:8000/v1/")).ChatCompletionsUrl.ToString());
    }

    private static LlmAgentOptions Options(Uri endpoint) => new() { Endpoint = endpoint, Model = "replay-model", MaxTransportRetries = 1 };

    private static LlmAgent Agent(ReplayChatServer server, Func<LlmAgentOptions, LlmAgentOptions>? configure = null)
    {
        var options = (configure ?? (o => o))(Options(server.Endpoint));
        var agent = new LlmAgent(new ChatCompletionClient(Http, options), options);
        agent.Reset(new AgentEpisode("spaceship-titanic", Seed: 1, MaxSteps: 10, TimeBudget: TimeSpan.FromHours(1)));
        return agent;
    }

    private static AgentTurn Turn(int index, string status = Observation.Success, string feedback = "ok") => new(
        new StepResult { Observation = new Observation { ActionStatus = status, Feedback = feedback }, StepsLeft = 10 - index - 1, TimeLeft = TimeSpan.FromSeconds(3500) },
        StepsLeft: 10 - index - 1, TimeLeft: TimeSpan.FromSeconds(3500), StepIndex: index);
}

/// <summary>The LLM agent inside a rollout: its usage and its failures reach the trajectory lines.</summary>
public sealed class LlmRolloutTests : IDisposable
{
    private readonly RunFolder _folder = new();

    [Fact]
    public async Task An_llm_episode_records_tokens_and_reasks_per_step_and_ends_with_the_agents_failure_class()
    {
        await using var server = new ReplayChatServer(
            ReplayedAnswer.Completion("""{"action": "request_info", "params": {"info_type": "data_path"}}""", promptTokens: 500, completionTokens: 20),
            ReplayedAnswer.Completion("not json at all"),
            ReplayedAnswer.Completion("""{"action": "execute_code", "params": {"code": "print('fit')"}}""", promptTokens: 700, completionTokens: 60),
            ReplayedAnswer.Refusal("I can't help with that."),
            ReplayedAnswer.Refusal("I can't help with that."));
        var options = new LlmAgentOptions { Endpoint = server.Endpoint, Model = "replay-model", MaxReasks = 1 };
        var catalog = new AgentCatalog(options, new HttpClient());
        var spec = new Planning.RolloutSpec { Agents = [catalog.RecordedName("llm")], Competitions = ["comp-a"], Episodes = 1 };

        var (summary, _) = await _folder.RunAsync(new FakeTarget(), spec, agents: catalog, catalogName: _ => "llm");

        Assert.Equal(1, summary.Done);
        var steps = _folder.Steps();
        Assert.Equal(3, steps.Count);
        Assert.Equal("llm:replay-model", steps[0].Agent);
        Assert.Equal(new Trajectories.AgentStepUsage(500, 20, 0), steps[1].AgentUsage);
        // The step after a re-ask counts both completions: the malformed one (100 + 20 tokens) and the fixed one.
        Assert.Equal(new Trajectories.AgentStepUsage(800, 80, 1), steps[2].AgentUsage);
        Assert.Equal("print('fit')", Assert.IsType<Gateway.Wire.ExecuteCodeAction>(steps[2].Action).Code);
        Assert.True(steps[2].EpisodeEnd);
        Assert.Equal(("agent_error", "llm_refusal"), (steps[2].StopReason, steps[2].StopErrorClass));
        TrajectorySchema.AssertFileConforms(_folder.Trajectories);
    }

    public void Dispose() => _folder.Dispose();
}

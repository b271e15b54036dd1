using System.Diagnostics;
using MLEDojo.Abstractions;

namespace MLEDojo.Agents.Llm;

/// <summary>
/// An agent backed by a chat model on any OpenAI-compatible endpoint. It keeps MLE-Dojo's conversation (instruction,
/// then one user turn per observation), parses each answer strictly (<see cref="ActionParser"/>), asks again at most
/// <see cref="LlmAgentOptions.MaxReasks"/> times, and stops when a prompt, token or time budget would be exceeded.
/// Only the corrected answer stays in the conversation, so re-asks do not eat the context.
/// </summary>
public sealed class LlmAgent(ChatCompletionClient chat, LlmAgentOptions options, int sampleSeed = 0) : IDojoAgent
{
    private readonly List<ChatMessage> _conversation = [];
    private AgentEpisode _episode = new("", 0, 0, TimeSpan.Zero);
    private int _tokensUsed;
    private TimeSpan _thinkTime;

    public string Name => "llm:" + options.Model;

    public void Reset(AgentEpisode episode)
    {
        _episode = episode;
        _conversation.Clear();
        _tokensUsed = 0;
        _thinkTime = TimeSpan.Zero;
        _conversation.Add(ChatMessage.System(MleDojoPrompts.Instruction(episode.Competition, episode.MaxSteps, episode.TimeBudget)));
    }

    public async Task<AgentDecision> ActAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        var observation = ObservationText.Render(turn.Last, options.MaxObservationChars);
        _conversation.Add(ChatMessage.User(turn.StepIndex == 0
            ? MleDojoPrompts.FirstTurn(observation, turn.StepsLeft, turn.TimeLeft)
            : turn.Last.Observation.ActionStatus == Observation.Failed || turn.Last.Error is not null
                ? MleDojoPrompts.Failure(observation, turn.StepsLeft, turn.TimeLeft)
                : MleDojoPrompts.Result(observation, turn.StepsLeft, turn.TimeLeft)));

        var tally = new TurnTally(_thinkTime);
        var asks = new List<ChatMessage>(Window());
        for (var attempt = 0; ; attempt++)
        {
            if (Budgets(asks, turn) is { } exhausted) return AgentDecision.Stop(exhausted, tally.Usage(_thinkTime));
            ChatCompletion completion;
            try
            {
                completion = await CompleteWithTransportRetries(asks, tally, cancellationToken);
            }
            catch (ChatTimeoutException e)
            {
                if (attempt >= options.MaxReasks) return AgentDecision.Fail("llm_timeout", e.Message, tally.Usage(_thinkTime));
                tally.Reasks++;
                continue;
            }
            catch (ChatRejectedException e)
            {
                return AgentDecision.Fail("llm_rejected", e.Message, tally.Usage(_thinkTime));
            }

            var refused = completion.Refusal is { Length: > 0 };
            var parsed = refused ? ParsedAction.Invalid($"The model refused: {completion.Refusal}") : ActionParser.Parse(completion.Content);
            if (parsed.Action is { } action)
            {
                _conversation.Add(ChatMessage.Assistant(completion.Content!));
                return AgentDecision.Act(action, tally.Usage(_thinkTime));
            }
            if (attempt >= options.MaxReasks)
                return AgentDecision.Fail(refused ? "llm_refusal" : "agent_parse_error", parsed.Error!, tally.Usage(_thinkTime));
            tally.Reasks++;
            asks.Add(ChatMessage.Assistant(completion.Content ?? completion.Refusal ?? ""));
            asks.Add(ChatMessage.User(MleDojoPrompts.FixFormat(parsed.Error!)));
        }
    }

    private async Task<ChatCompletion> CompleteWithTransportRetries(IReadOnlyList<ChatMessage> messages, TurnTally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var completion = await chat.CompleteAsync(messages, unchecked(_episode.Seed * 1000 + sampleSeed), cancellationToken);
                var prompt = completion.PromptTokens ?? EstimateTokens(messages);
                var generated = completion.CompletionTokens ?? EstimateTokens(completion.Content ?? "");
                tally.PromptTokens += prompt;
                tally.CompletionTokens += generated;
                _tokensUsed += prompt + generated;
                return completion;
            }
            catch (AgentInfrastructureException) when (attempt < options.MaxTransportRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)), cancellationToken);
            }
            finally
            {
                _thinkTime += clock.Elapsed;
            }
        }
    }

    private sealed class TurnTally(TimeSpan thinkAtStart)
    {
        public int PromptTokens;
        public int CompletionTokens;
        public int Reasks;

        public AgentUsage Usage(TimeSpan thinkNow) => new(PromptTokens, CompletionTokens, Reasks, thinkNow - thinkAtStart);
    }

    /// <summary>The reason to stop before asking, or null when every budget allows one more completion.</summary>
    private string? Budgets(IReadOnlyList<ChatMessage> messages, AgentTurn turn)
    {
        if (turn.TimeLeft <= TimeSpan.Zero) return "time_budget";
        if (_thinkTime >= options.ThinkBudget) return "think_budget";
        if (_tokensUsed >= options.MaxEpisodeTokens) return "token_budget";
        if (EstimateTokens(messages) > options.MaxPromptTokens) return "prompt_budget";
        return null;
    }

    /// <summary>The instruction and first exchange, then the latest <see cref="LlmAgentOptions.HistoryTurns"/> exchanges.</summary>
    private IEnumerable<ChatMessage> Window()
    {
        if (options.HistoryTurns is not { } turns || _conversation.Count <= 3 + 2 * turns + 1) return _conversation;
        return _conversation.Take(3).Concat(_conversation.TakeLast(2 * turns + 1));
    }

    public static int EstimateTokens(IEnumerable<ChatMessage> messages) => messages.Sum(m => EstimateTokens(m.Content) + 4);

    public static int EstimateTokens(string text) => (text.Length + 3) / 4;
}

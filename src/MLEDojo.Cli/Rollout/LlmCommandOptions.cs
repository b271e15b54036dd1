using System.CommandLine;
using MLEDojo.Agents.Llm;

namespace MLEDojo.Cli.Rollout;

/// <summary>The llm agent's command-line options: where the model is served and its budgets.</summary>
internal sealed class LlmCommandOptions
{
    public const string ApiKeyVariable = "DOJO_LLM_API_KEY";

    private readonly Option<string?> _url = new("--llm-url") { Description = "OpenAI-compatible endpoint for --agent llm (vLLM, SGLang, OpenAI), e.g. http://127.0.0.1:8000/v1. Key: $" + ApiKeyVariable + "." };
    private readonly Option<string?> _model = new("--llm-model") { Description = "Model name sent with every completion." };
    private readonly Option<double> _temperature = new("--llm-temperature") { DefaultValueFactory = _ => 0.0, Description = "Sampling temperature." };
    private readonly Option<int> _maxTokens = new("--llm-max-tokens") { DefaultValueFactory = _ => 4096, Description = "max_tokens per completion." };
    private readonly Option<int> _promptTokens = new("--llm-max-prompt-tokens") { DefaultValueFactory = _ => 30_000, Description = "Stop the episode when the conversation would exceed this." };
    private readonly Option<int> _episodeTokens = new("--llm-max-episode-tokens") { DefaultValueFactory = _ => 400_000, Description = "Prompt plus completion tokens over an episode." };
    private readonly Option<double> _timeout = new("--llm-timeout-s") { DefaultValueFactory = _ => 180, Description = "Seconds one completion may take." };
    private readonly Option<int> _reasks = new("--llm-reasks") { DefaultValueFactory = _ => 3, Description = "Re-asks after an answer that is not a valid action." };

    public IEnumerable<Option> All => [_url, _model, _temperature, _maxTokens, _promptTokens, _episodeTokens, _timeout, _reasks];

    /// <summary>The llm agent's settings, or null when no endpoint is given (the catalog then refuses --agent llm).</summary>
    public LlmAgentOptions? Read(ParseResult parse)
    {
        if (parse.GetValue(_url) is not { } text) return null;
        var url = Commands.RolloutCommand.HttpUrl("--llm-url", text);
        var model = parse.GetValue(_model) is { Length: > 0 } name ? name : throw new UsageException("--llm-url needs --llm-model.");
        var timeout = parse.GetValue(_timeout);
        if (timeout <= 0 || parse.GetValue(_maxTokens) < 1 || parse.GetValue(_reasks) < 0)
            throw new UsageException("--llm-timeout-s and --llm-max-tokens must be positive and --llm-reasks at least 0.");
        return new LlmAgentOptions
        {
            Endpoint = url,
            Model = model,
            ApiKey = Environment.GetEnvironmentVariable(ApiKeyVariable),
            Temperature = parse.GetValue(_temperature),
            MaxCompletionTokens = parse.GetValue(_maxTokens),
            MaxPromptTokens = parse.GetValue(_promptTokens),
            MaxEpisodeTokens = parse.GetValue(_episodeTokens),
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            MaxReasks = parse.GetValue(_reasks),
        };
    }
}

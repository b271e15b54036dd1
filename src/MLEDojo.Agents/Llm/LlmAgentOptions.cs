namespace MLEDojo.Agents.Llm;

/// <summary>Where the model is served and the budgets an LLM agent keeps within.</summary>
public sealed record LlmAgentOptions
{
    /// <summary>An OpenAI-compatible base URL (vLLM, SGLang, OpenAI): <c>http://host:8000/v1</c>; <c>/v1</c> is added when missing.</summary>
    public required Uri Endpoint { get; init; }
    public required string Model { get; init; }
    /// <summary>Sent as a bearer token when set (OpenAI needs one; local servers usually do not).</summary>
    public string? ApiKey { get; init; }
    public double Temperature { get; init; }
    /// <summary>max_tokens of each completion.</summary>
    public int MaxCompletionTokens { get; init; } = 4096;
    /// <summary>The conversation is never sent larger than this (estimated at 4 characters a token); past it the agent stops, as MLE-Dojo's does.</summary>
    public int MaxPromptTokens { get; init; } = 30_000;
    /// <summary>Prompt plus completion tokens over the whole episode (the server's usage counts when it reports them).</summary>
    public int MaxEpisodeTokens { get; init; } = 400_000;
    /// <summary>One completion may take this long; a slower one is abandoned and asked again.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(3);
    /// <summary>Total model time over the episode.</summary>
    public TimeSpan ThinkBudget { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Re-asks after an answer that is not a valid action (MLE-Dojo allows 3).</summary>
    public int MaxReasks { get; init; } = 3;
    /// <summary>Connection failures and 5xx answers tried again before the episode counts as an infrastructure failure.</summary>
    public int MaxTransportRetries { get; init; } = 2;
    /// <summary>Feedback longer than this is cut in the middle before the model sees it.</summary>
    public int MaxObservationChars { get; init; } = 12_000;
    /// <summary>Keep the instruction and the first exchange plus this many latest exchanges (null: all).</summary>
    public int? HistoryTurns { get; init; }

    /// <summary>The chat completions URL under <see cref="Endpoint"/>.</summary>
    public Uri ChatCompletionsUrl
    {
        get
        {
            var path = Endpoint.AbsolutePath.TrimEnd('/');
            if (!path.EndsWith("/v1", StringComparison.Ordinal)) path += "/v1";
            return new UriBuilder(Endpoint) { Path = path + "/chat/completions" }.Uri;
        }
    }
}

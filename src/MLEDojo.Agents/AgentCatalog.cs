using MLEDojo.Agents.Llm;

namespace MLEDojo.Agents;

/// <summary>The built-in agents by name. Each call makes a fresh agent: one per concurrently played episode.</summary>
public sealed class AgentCatalog(LlmAgentOptions? llm = null, HttpClient? http = null)
{
    public static readonly IReadOnlyList<string> Names = ["info-only", "sample-submission", "scripted", "llm"];

    /// <summary>Refuses an unknown name, or <c>llm</c> without an endpoint, before anything runs.</summary>
    public void Check(string name)
    {
        if (!Names.Contains(name))
            throw new ArgumentException($"Unknown agent '{name}'; the built-in agents are {string.Join(", ", Names)}.");
        if (name == "llm" && llm is null)
            throw new ArgumentException("The llm agent needs a model endpoint and a model name (--llm-url, --llm-model).");
    }

    /// <summary>The name an agent's episodes are recorded under (the llm agent's includes its model).</summary>
    public string RecordedName(string name) => name == "llm" ? "llm:" + llm!.Model : name;

    public IDojoAgent Create(string name, int sampleSeed)
    {
        Check(name);
        return name switch
        {
            "info-only" => new InfoOnlyAgent(),
            "sample-submission" => new SampleSubmissionAgent(),
            "scripted" => new ScriptedBaselineAgent(sampleSeed),
            _ => new LlmAgent(new ChatCompletionClient(http ?? SharedHttp.Value, llm!), llm!, sampleSeed),
        };
    }

    // One connection pool for every episode's model calls; timeouts are per request (LlmAgentOptions.RequestTimeout).
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });
}

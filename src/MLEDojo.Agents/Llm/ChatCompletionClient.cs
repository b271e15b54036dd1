using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLEDojo.Agents.Llm;

public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage System(string content) => new("system", content);
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage Assistant(string content) => new("assistant", content);
}

/// <summary>One completion: the text (or the model's refusal), why it stopped, and the tokens it cost.</summary>
public sealed record ChatCompletion(string? Content, string? Refusal, string? FinishReason, int? PromptTokens, int? CompletionTokens);

/// <summary>The completion did not come back within the request timeout.</summary>
public sealed class ChatTimeoutException(string message) : Exception(message);

/// <summary>The server refused the request itself (4xx: context too long, unknown model, bad key).</summary>
public sealed class ChatRejectedException(string message) : Exception(message);

/// <summary>
/// POST /v1/chat/completions on any OpenAI-compatible server. Transport failures and 5xx answers are
/// <see cref="AgentInfrastructureException"/>s; a request past its timeout is a <see cref="ChatTimeoutException"/>.
/// </summary>
public sealed class ChatCompletionClient(HttpClient http, LlmAgentOptions options)
{
    public async Task<ChatCompletion> CompleteAsync(IReadOnlyList<ChatMessage> messages, int? seed, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = options.Model,
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content }).ToArray()),
            ["temperature"] = options.Temperature,
            ["max_tokens"] = options.MaxCompletionTokens,
        };
        if (seed is not null) body["seed"] = seed;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.ChatCompletionsUrl) { Content = JsonContent.Create(body) };
        if (options.ApiKey is { Length: > 0 } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatTimeoutException($"The model did not answer within {options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            throw new AgentInfrastructureException($"The model server at {options.ChatCompletionsUrl} could not be reached: {e.Message}", e);
        }
        using (response)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new AgentInfrastructureException($"The model server answered {(int)response.StatusCode}: {Excerpt(text)}");
            if (!response.IsSuccessStatusCode)
                throw new ChatRejectedException($"The model server refused the request ({(int)response.StatusCode}): {Excerpt(text)}");
            return Parse(text);
        }
    }

    private static ChatCompletion Parse(string text)
    {
        try
        {
            var root = JsonNode.Parse(text)!.AsObject();
            var choice = root["choices"]!.AsArray()[0]!.AsObject();
            var message = choice["message"]!.AsObject();
            var usage = root["usage"] as JsonObject;
            return new ChatCompletion(
                message["content"]?.GetValue<string>(),
                message["refusal"]?.GetValue<string>(),
                choice["finish_reason"]?.GetValue<string>(),
                usage?["prompt_tokens"]?.GetValue<int>(),
                usage?["completion_tokens"]?.GetValue<int>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
        {
            throw new AgentInfrastructureException($"The model server's answer is not an OpenAI chat completion: {Excerpt(text)}", e);
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "...";
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Rollouts.Targets;

/// <summary>The grid's gateway failed to answer or refused; <see cref="IsInfrastructure"/> tells whether trying again may help.</summary>
public sealed class RemoteGridException(string message, bool isInfrastructure, Exception? inner = null) : Exception(message, inner)
{
    public bool IsInfrastructure { get; } = isInfrastructure;
}

/// <summary>
/// A remote grid through its gateway's stateful HTTP API (<c>POST /reset</c>, <c>POST /step</c>), with an API key
/// (<c>DOJO_API_KEY</c>) as bearer token. Connection failures, 5xx, 429 and 503 are retried with the same request
/// id (honouring Retry-After), so a step is never run twice; other refusals are the caller's to fix.
/// </summary>
public sealed class HttpRolloutTarget(HttpClient http, Uri baseAddress, string? apiKey, int maxAttempts = 5) : IRolloutTarget
{
    public string Description => $"remote grid at {baseAddress}";

    public IReadOnlyList<string> Envs { get; } = [RolloutEnvs.Mle];

    public IRolloutEpisode Open(string env, string gridEpisodeId) => new Episode(this, env, gridEpisodeId);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? wait = null;
            string problem;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path))
                {
                    Content = JsonContent.Create(body, body.GetType(), options: GatewayJson.Options),
                };
                if (apiKey is { Length: > 0 }) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                    return System.Text.Json.JsonSerializer.Deserialize<T>(text, GatewayJson.Options)
                        ?? throw new RemoteGridException($"{path} answered null.", isInfrastructure: true);
                problem = $"{path} answered {(int)response.StatusCode}: {text}";
                if (!IsRetryable(response.StatusCode)) throw new RemoteGridException(problem, isInfrastructure: false);
                wait = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException e)
            {
                problem = $"{path} could not reach {baseAddress}: {e.Message}";
                if (attempt >= maxAttempts) throw new RemoteGridException(problem, isInfrastructure: true, e);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new RemoteGridException($"{path} answered JSON this client cannot read: {e.Message}", isInfrastructure: true, e);
            }
            if (attempt >= maxAttempts) throw new RemoteGridException(problem, isInfrastructure: true);
            await Task.Delay(wait ?? TimeSpan.FromMilliseconds(200 * (1 << Math.Min(attempt, 5))), cancellationToken);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    private sealed class Episode(HttpRolloutTarget target, string env, string episodeId) : IRolloutEpisode
    {
        public async Task<StepResult> ResetAsync(EpisodeOptions options, CancellationToken cancellationToken)
        {
            var request = new ResetRequest
            {
                Env = env,
                Competition = options.Competition,
                Seed = options.Seed,
                EpisodeId = episodeId,
                Options = new ResetOptions
                {
                    MaxSteps = options.MaxSteps,
                    ExecutionTimeoutS = options.ExecutionTimeout.TotalSeconds,
                    EpisodeTimeBudgetS = options.EpisodeTimeBudget.TotalSeconds,
                    ScoreMode = options.ScoreMode,
                    RewardMode = options.RewardMode,
                    ResourceClass = options.ResourceClass,
                    AgentName = options.AgentName,
                },
            };
            var answer = await target.PostAsync<ResetResponse>("/reset", request, cancellationToken);
            return WireReader.StepResult(answer.Observation, answer.Reward, answer.Done, episodeId, requestId: "");
        }

        public async Task<StepResult> StepAsync(EpisodeAction action, string requestId, CancellationToken cancellationToken)
        {
            var request = new StepRequest { EpisodeId = episodeId, Action = WireReader.Action(action), RequestId = requestId };
            var answer = await target.PostAsync<StepResponse>("/step", request, cancellationToken);
            return WireReader.StepResult(answer.Observation, answer.Reward, answer.Done, episodeId, requestId);
        }

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

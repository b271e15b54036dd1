using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using MLEDojo.Arena.Leaderboards;

namespace MLEDojo.Client.Arena;

/// <summary>
/// The arena's REST API from .NET: submit (one call, or create/upload/validate/deploy), status, tail (server-sent
/// events, resumed from the last line seen after a dropped connection), delete, and leaderboards.
/// Refusals throw <see cref="ArenaException"/> with the server's message and status.
/// </summary>
public sealed class ArenaClient(HttpClient http)
{
    /// <summary>A client for <paramref name="gateway"/> sending <paramref name="apiKey"/> (none when null).</summary>
    public static ArenaClient Create(Uri gateway, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new ArenaClient(http);
    }

    private const string Submissions = "api/arena/submissions";

    /// <summary>Creates the submission; with a script it is uploaded and validated, and with <paramref name="deploy"/> queued, in the same call.</summary>
    public Task<SubmissionStatus> SubmitAsync(SubmissionDefinition definition, string? script = null, bool deploy = true, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus>(HttpMethod.Post, Submissions, new CreateSubmissionRequest { Definition = definition, Script = script, Deploy = deploy }, cancellationToken);

    public Task<SubmissionStatus> UploadAsync(string submissionId, string script, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus>(HttpMethod.Put, $"{Submissions}/{Escape(submissionId)}/file", new UploadScriptRequest(script), cancellationToken);

    public Task<SubmissionStatus> ValidateAsync(string submissionId, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus>(HttpMethod.Post, $"{Submissions}/{Escape(submissionId)}/validate", null, cancellationToken);

    public Task<DeployResponse> DeployAsync(string submissionId, CancellationToken cancellationToken = default) =>
        SendAsync<DeployResponse>(HttpMethod.Put, $"{Submissions}/{Escape(submissionId)}/deploy", null, cancellationToken);

    public Task<SubmissionStatus> StatusAsync(string submissionId, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus>(HttpMethod.Get, $"{Submissions}/{Escape(submissionId)}", null, cancellationToken);

    public Task<SubmissionStatus> DeleteAsync(string submissionId, CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus>(HttpMethod.Delete, $"{Submissions}/{Escape(submissionId)}", null, cancellationToken);

    public Task<SubmissionStatus[]> MineAsync(CancellationToken cancellationToken = default) =>
        SendAsync<SubmissionStatus[]>(HttpMethod.Get, "api/arena/mine", null, cancellationToken);

    public Task<Leaderboard> CompetitionLeaderboardAsync(string competition, BoardFilter? filter = null, CancellationToken cancellationToken = default) =>
        SendAsync<Leaderboard>(HttpMethod.Get, $"api/arena/leaderboards/{Escape(competition)}{Query(filter)}", null, cancellationToken);

    public Task<Leaderboard> SetLeaderboardAsync(string set, BoardFilter? filter = null, CancellationToken cancellationToken = default) =>
        SendAsync<Leaderboard>(HttpMethod.Get, $"api/arena/leaderboards/sets/{Escape(set)}{Query(filter)}", null, cancellationToken);

    /// <summary>
    /// The submission's log lines as they happen, then its final status (the last item), when it settles. A dropped
    /// stream is opened again from the last line seen, so nothing is missed or repeated.
    /// </summary>
    public async IAsyncEnumerable<ArenaTailItem> TailAsync(string submissionId, long after = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var reconnects = 0; ; reconnects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Submissions}/{Escape(submissionId)}/tail?after={after}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException) when (reconnects < 5 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1 << reconnects), cancellationToken);
                continue;
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode) throw await ErrorOf(response, cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                string? kind = null;
                var data = new StringBuilder();
                while (true)
                {
                    string? line;
                    try { line = await reader.ReadLineAsync(cancellationToken); }
                    catch (IOException) when (!cancellationToken.IsCancellationRequested) { break; }
                    if (line is null) break;
                    if (line.StartsWith("event:", StringComparison.Ordinal)) kind = line[6..].Trim();
                    else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
                    else if (line.Length == 0 && kind is not null)
                    {
                        if (kind == "line")
                        {
                            var item = JsonSerializer.Deserialize<SubmissionEvent>(data.ToString(), ArenaJson.Options)!;
                            after = item.Seq;
                            yield return new ArenaTailItem(item, null);
                        }
                        else if (kind == "status")
                        {
                            yield return new ArenaTailItem(null, JsonSerializer.Deserialize<SubmissionStatus>(data.ToString(), ArenaJson.Options));
                            yield break;
                        }
                        kind = null;
                        data.Clear();
                    }
                }
            }
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ArenaJson.Options);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await ErrorOf(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(ArenaJson.Options, cancellationToken))!;
    }

    private static async Task<ArenaException> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            var message = json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? text : text;
            var limits = json.RootElement.TryGetProperty("limits", out var l) ? l.Deserialize<ArenaLimits>(ArenaJson.Options) : null;
            return new ArenaException(response.StatusCode, message, limits);
        }
        catch (JsonException)
        {
            return new ArenaException(response.StatusCode, $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}", null);
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Query(BoardFilter? filter)
    {
        var parts = new List<string>();
        if (filter?.User is { } user) parts.Add("user=" + Uri.EscapeDataString(user));
        if (filter?.Tag is { } tag) parts.Add("tag=" + Uri.EscapeDataString(tag));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

/// <summary>One item of a tail: a log line, or (last) the settled status.</summary>
public sealed record ArenaTailItem(SubmissionEvent? Line, SubmissionStatus? Final);

/// <summary>The arena refused a request: its HTTP status, message, and the owner's limits when a deploy was refused.</summary>
public sealed class ArenaException(HttpStatusCode status, string message, ArenaLimits? limits) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public ArenaLimits? Limits { get; } = limits;
}

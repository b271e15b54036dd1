using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using MLEDojo.Client.Arena;

namespace MLEDojo.Cli.Commands;

/// <summary>
/// <c>dojo submit</c>, <c>dojo status</c>, <c>dojo tail</c>: the arena from the command line, over a gateway's REST API
/// (--gateway or $DOJO_GATEWAY, --key or $DOJO_API_KEY). <c>tail</c> and <c>submit --wait</c> exit 0 when the
/// submission ends active, 1 when it failed or was deleted.
/// </summary>
internal static class ArenaCommands
{
    public static IEnumerable<Command> Build(TextWriter output, TextWriter error) => [Submit(output, error), Status(output, error), Tail(output, error)];

    private static Command Submit(TextWriter output, TextWriter error)
    {
        var (gateway, key) = Connection();
        var agent = new Option<string?>("--agent") { Description = "A built-in agent: info-only, sample-submission or scripted." };
        var script = new Option<FileInfo?>("--script") { Description = "An agent script (Python) run in the sandbox; it plays its episode over the gateway's Unix socket ($DOJO_GATEWAY_URL, $DOJO_API_KEY, $DOJO_EPISODE_ID); see clients/python/examples/arena_agent.py." };
        var llmUrl = new Option<string?>("--llm-url") { Description = "The LLM agent's OpenAI-compatible endpoint (with --llm-model)." };
        var llmModel = new Option<string?>("--llm-model") { Description = "The model the LLM agent asks." };
        var competitions = new Option<string[]>("--competition", "-c") { Description = "A competition to evaluate on (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var set = new Option<string?>("--set") { Description = $"A competition set ({string.Join(", ", CompetitionSets.All.Keys)})." };
        var episodes = new Option<int>("--episodes", "-n") { Description = "Episodes per competition.", DefaultValueFactory = _ => 1 };
        var maxSteps = new Option<int>("--max-steps") { Description = "Steps per episode.", DefaultValueFactory = _ => 10 };
        var name = new Option<string?>("--name") { Description = "The name shown on leaderboards." };
        var tags = new Option<string[]>("--tag") { Description = "A tag leaderboards filter by (repeat for several).", AllowMultipleArgumentsPerToken = true };
        var noDeploy = new Option<bool>("--no-deploy") { Description = "Create (and validate) only; deploy later." };
        var wait = new Option<bool>("--wait") { Description = "Follow the evaluation until it settles, like dojo tail." };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var command = new Command("submit", "Submit an agent to the arena: the grid evaluates it and ranks it on the leaderboards.")
        {
            gateway, key, agent, script, llmUrl, llmModel, competitions, set, episodes, maxSteps, name, tags, noDeploy, wait, json,
        };
        command.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var scriptFile = parse.GetValue(script);
            var url = parse.GetValue(llmUrl);
            var kind = (parse.GetValue(agent), scriptFile, url) switch
            {
                ({ }, null, null) => AgentKind.BuiltIn,
                (null, { }, null) => AgentKind.Script,
                (null, null, { }) => AgentKind.Llm,
                _ => throw new UsageException("Give exactly one of --agent, --script or --llm-url."),
            };
            var definition = new SubmissionDefinition
            {
                Kind = kind,
                Agent = parse.GetValue(agent),
                Llm = url is null ? null : new LlmEndpoint { Url = url, Model = parse.GetValue(llmModel) ?? throw new UsageException("--llm-url needs --llm-model.") },
                Competitions = parse.GetValue(competitions) ?? [],
                CompetitionSet = parse.GetValue(set),
                EpisodesPerCompetition = parse.GetValue(episodes),
                MaxSteps = parse.GetValue(maxSteps),
                Name = parse.GetValue(name),
                Tags = parse.GetValue(tags) ?? [],
            };
            var text = scriptFile is null ? null : await File.ReadAllTextAsync(scriptFile.FullName, cancellationToken);
            var client = Client(parse.GetValue(gateway), parse.GetValue(key));
            var status = await client.SubmitAsync(definition, text, deploy: !parse.GetValue(noDeploy), cancellationToken);
            Print(output, status, parse.GetValue(json));
            if (!parse.GetValue(wait) || status.IsSettled) return status.IsSettled && status.Status is SubmissionState.UploadFailed ? 1 : 0;
            return await FollowAsync(output, client, status.SubmissionId, status.LastEventSeq, cancellationToken);
        }));
        return command;
    }

    private static Command Status(TextWriter output, TextWriter error)
    {
        var (gateway, key) = Connection();
        var id = new Argument<string>("submission") { Description = "The submission id (dojo submit prints it)." };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var command = new Command("status", "A submission's state, queue position, episodes and failure.") { gateway, key, id, json };
        command.SetAction((parse, cancellationToken) => Guard(error, async () =>
        {
            var status = await Client(parse.GetValue(gateway), parse.GetValue(key)).StatusAsync(parse.GetValue(id)!, cancellationToken);
            Print(output, status, parse.GetValue(json));
            foreach (var episode in status.Episodes)
                output.WriteLine($"  {episode.Competition} #{episode.Index}: {Snake(episode.JobStatus)} attempts={episode.Attempts} steps={episode.Steps} " +
                                 $"best_position_score={Number(episode.BestPositionScore)} medal={episode.Medal ?? "none"}" +
                                 (episode.Error is { } e ? $" {Snake(e.Source)} error[{e.Type}]" : ""));
            return 0;
        }));
        return command;
    }

    private static Command Tail(TextWriter output, TextWriter error)
    {
        var (gateway, key) = Connection();
        var id = new Argument<string>("submission") { Description = "The submission id." };
        var after = new Option<long>("--after") { Description = "Start after this log line (0: from the beginning)." };
        var command = new Command("tail", "Stream a submission's log (status, queue, per-episode lines) until it settles.") { gateway, key, id, after };
        command.SetAction((parse, cancellationToken) => Guard(error, () =>
            FollowAsync(output, Client(parse.GetValue(gateway), parse.GetValue(key)), parse.GetValue(id)!, parse.GetValue(after), cancellationToken)));
        return command;
    }

    private static async Task<int> FollowAsync(TextWriter output, ArenaClient client, string id, long after, CancellationToken cancellationToken)
    {
        await foreach (var item in client.TailAsync(id, after, cancellationToken))
        {
            if (item.Line is { } line) output.WriteLine($"{line.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line.Text}");
            if (item.Final is { } final) return final.Status == SubmissionState.Active ? 0 : 1;
        }
        return 1;
    }

    private static void Print(TextWriter output, SubmissionStatus status, bool json)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(status, ArenaJson.Options));
            return;
        }
        output.WriteLine($"{status.SubmissionId}  {Snake(status.Status)}  {status.LastStatusMessage}");
        if (status.QueueInfo is { } queue) output.WriteLine($"  queued: position={queue.Position}/{queue.Total}");
        if (status.Failure is { } failure) output.WriteLine($"  {Snake(failure.Source)} error[{failure.Type}]: {failure.Message}");
    }

    private static (Option<string?> Gateway, Option<string?> Key) Connection() => (
        new Option<string?>("--gateway") { Description = "The gateway's URL (default: $DOJO_GATEWAY, else http://127.0.0.1:8000)." },
        new Option<string?>("--key") { Description = "An API key (default: $DOJO_API_KEY)." });

    private static ArenaClient Client(string? gateway, string? key)
    {
        var url = gateway ?? Environment.GetEnvironmentVariable("DOJO_GATEWAY") ?? "http://127.0.0.1:8000";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UsageException($"--gateway must be an http(s) URL; got '{url}'.");
        return ArenaClient.Create(uri, key ?? Environment.GetEnvironmentVariable("DOJO_API_KEY"));
    }

    /// <summary>The arena's refusals and an unreachable gateway are one line on stderr and exit code 2.</summary>
    private static async Task<int> Guard(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await CommandErrors.GuardAsync(error, action);
        }
        catch (Exception e) when (e is ArenaException or HttpRequestException)
        {
            error.WriteLine($"error: {e.Message}");
            return DojoCli.UsageError;
        }
    }

    private static string Snake<T>(T value) where T : Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
}

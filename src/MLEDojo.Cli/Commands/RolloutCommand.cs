using System.CommandLine;
using System.Diagnostics;
using MLEDojo.Agents;
using MLEDojo.Cli.Demo;
using MLEDojo.Cli.Rollout;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Running;
using MLEDojo.Rollouts.Targets;
using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Cli.Commands;

/// <summary>
/// <c>dojo rollout</c>: N episodes per (competition, agent, seed) on an embedded grid (state kept under DIR/grid, so a
/// rerun resumes) or a remote one (<c>--cluster URL</c>, the gateway's HTTP API), written to DIR/trajectories.jsonl.
/// </summary>
internal static class RolloutCommand
{
    public const string ApiKeyVariable = "DOJO_API_KEY";

    public static Command Build(TextWriter output, TextWriter error)
    {
        var config = GridCommands.ConfigOption();
        var dataRoot = DojoCli.DataRootOption();
        var agent = new Option<string>("--agent") { Required = true, Description = $"Agent(s), comma-separated: {string.Join(", ", AgentCatalog.Names)}." };
        var competitions = new Option<string?>("--competitions") { Description = "Comma-separated competitions (default on an embedded grid: every scorable one under the data root)." };
        var episodes = new Option<int>("--episodes", "-n") { DefaultValueFactory = _ => 1, Description = "Episodes per (competition, agent, seed)." };
        var seeds = new Option<string>("--seeds") { DefaultValueFactory = _ => "0", Description = "Comma-separated seeds; each makes its own group." };
        var concurrency = new Option<int>("--concurrency", "-k") { DefaultValueFactory = _ => 4, Description = "Episodes played at once." };
        var outDir = new Option<DirectoryInfo>("--out") { Required = true, Description = "Run folder: run.json, trajectories.jsonl, failures.jsonl (and grid/ for an embedded grid). Reuse it to resume." };
        var cluster = new Option<string?>("--cluster") { Description = $"A remote grid's gateway, http(s)://host:port; the API key is read from ${ApiKeyVariable}." };
        var maxSteps = new Option<int>("--max-steps") { DefaultValueFactory = _ => 10, Description = "Steps per episode." };
        var executionTimeout = new Option<double>("--execution-timeout-s") { DefaultValueFactory = _ => 600, Description = "Seconds one execution may run." };
        var budget = new Option<double>("--episode-time-budget-s") { DefaultValueFactory = _ => 3600, Description = "Seconds an episode may take in all." };
        var attempts = new Option<int>("--max-attempts") { DefaultValueFactory = _ => 3, Description = "Attempts per episode when the infrastructure fails (other failures are not retried)." };
        var llm = new LlmCommandOptions();
        var command = new Command("rollout", "Play episodes with built-in agents, concurrently, and write trajectories (resumable).")
        {
            config, dataRoot, agent, competitions, episodes, seeds, concurrency, outDir, cluster, maxSteps, executionTimeout, budget, attempts,
        };
        foreach (var option in llm.All) command.Options.Add(option);

        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var catalog = new AgentCatalog(llm.Read(parse));
            var agentNames = List(parse.GetValue(agent)!);
            foreach (var name in agentNames) Check(() => catalog.Check(name));
            var seedList = List(parse.GetValue(seeds)!).Select(s => int.TryParse(s, out var v) ? v : throw new UsageException($"--seeds: '{s}' is not an integer.")).ToArray();
            if (parse.GetValue(episodes) < 1 || parse.GetValue(concurrency) < 1 || parse.GetValue(maxSteps) < 1 || parse.GetValue(attempts) < 1)
                throw new UsageException("--episodes, --concurrency, --max-steps and --max-attempts must be at least 1.");
            var directory = parse.GetValue(outDir)!.FullName;
            var remote = parse.GetValue(cluster) is { } clusterText ? HttpUrl("--cluster", clusterText) : null;

            var options = remote is null ? GridCommands.Load(parse.GetValue(config), parse.GetValue(dataRoot)) : null;
            var names = parse.GetValue(competitions) is { } given ? List(given)
                : options is not null ? GridCommands.ScorableCompetitions(options.CompetitionsRoot)
                : throw new UsageException("--competitions is required with --cluster.");
            if (names.Length == 0) throw new UsageException("No competitions to play.");

            var spec = new RolloutSpec
            {
                Agents = agentNames.Select(catalog.RecordedName).ToArray(),
                Competitions = names,
                Seeds = seedList,
                Episodes = parse.GetValue(episodes),
                MaxSteps = parse.GetValue(maxSteps),
                ExecutionTimeout = TimeSpan.FromSeconds(parse.GetValue(executionTimeout)),
                EpisodeTimeBudget = TimeSpan.FromSeconds(parse.GetValue(budget)),
            };
            var byRecordedName = agentNames.ToDictionary(catalog.RecordedName);
            var (manifest, invocation) = BeginRun(directory);
            using var store = TrajectoryStore.Open(directory);
            var plan = spec.Expand(manifest.RunId);
            output.WriteLine($"run {manifest.RunId} (invocation {invocation}) in {directory}: {plan.Count} episodes = {names.Length} competitions × {agentNames.Length} agents × {seedList.Length} seeds × {spec.Episodes}; " +
                             $"{plan.Count(p => store.IsFinished(p.EpisodeId))} already finished" + (store.DroppedLines > 0 ? $", {store.DroppedLines} lines of unfinished episodes dropped" : ""));

            await using var grid = options is null ? null : await StartEmbeddedAsync(options, directory, cancellationToken);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            IRolloutTarget target = grid is not null
                ? new GrainRolloutTarget(grid.Grains, $"embedded grid ({options!.Limits.CpuExecutionSlots} CPU execution slots)")
                : new HttpRolloutTarget(http, remote!, Environment.GetEnvironmentVariable(ApiKeyVariable));
            output.WriteLine($"playing on {target.Description}, {parse.GetValue(concurrency)} at a time");

            var counters = new RolloutCounters();
            var runner = new RolloutRunner(target, planned => catalog.Create(byRecordedName[planned.Agent], planned.Repetition), spec, store,
                Path.Combine(directory, RolloutRunner.FailuresFileName), invocation, new RolloutSettings(parse.GetValue(concurrency), parse.GetValue(attempts)), counters);
            var clock = Stopwatch.StartNew();
            var work = runner.RunAsync(plan, cancellationToken);
            await new RolloutProgressView(counters, output, TimeSpan.FromSeconds(10)).ShowWhileAsync(work, clock);
            var summary = await work;
            output.WriteLine($"{summary.Done} episodes finished, {summary.Failed} failed, {summary.Skipped} finished earlier, {summary.Retries} retries, in {summary.Elapsed:hh\\:mm\\:ss}; " +
                             $"{store.FinishedCount} of {plan.Count} done. Trajectories: {store.Path}. Report: dojo report {directory}");
            return summary.Failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static async Task<EmbeddedGrid> StartEmbeddedAsync(Hosting.Configuration.DojoSiloOptions options, string directory, CancellationToken cancellationToken)
    {
        EmbeddedGrid.UsePrivateState(options, Path.Combine(directory, "grid"), "mledojo-rollout");
        return await EmbeddedGrid.StartAsync(options, cancellationToken);
    }

    private static (RunManifest, int) BeginRun(string directory)
    {
        try
        {
            return RunManifest.Begin(directory, "dojo " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), DateTimeOffset.UtcNow);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>An absolute http(s) URL, or a usage error naming the option.</summary>
    internal static Uri HttpUrl(string option, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"{option} must be an http(s) URL; got '{text}'.");

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Check(Action check)
    {
        try { check(); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }
}

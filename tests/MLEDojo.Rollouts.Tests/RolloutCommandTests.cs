using System.Diagnostics;
using System.Text.Json.Nodes;
using MLEDojo.Cli;
using MLEDojo.Cli.Demo;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Rollouts.Tests.Infrastructure;

namespace MLEDojo.Rollouts.Tests;

/// <summary><c>dojo rollout</c> end to end: real episodes (Debian's Python runs the agents' code), a real kill, a remote grid over HTTP.</summary>
public sealed class RolloutCommandTests : IDisposable
{
    private readonly RunFolder _folder = new();
    private readonly string _config;

    public RolloutCommandTests()
    {
        Directory.CreateDirectory(_folder.Path);
        _config = Path.Combine(Path.GetTempPath(), "mledojo-rollout-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(_config, new JsonObject
        {
            ["competitionsRoot"] = RepoPaths.CompetitionsRoot,
            ["episodesRoot"] = Path.Combine(_folder.Path, "unused-episodes"),
            ["devices"] = new JsonObject { ["gpus"] = "none" },
            ["python"] = "/usr/bin/python3",
        }.ToJsonString());
    }

    [Fact]
    public async Task A_rollout_process_killed_midway_resumes_on_the_next_run_and_finishes_without_duplicating_episodes()
    {
        string[] args = ["rollout", "--config", _config, "--agent", "sample-submission", "--competitions", "spaceship-titanic,home-data-for-ml-course",
            "--episodes", "3", "--concurrency", "1", "--out", _folder.Path];

        using (var first = Start(args))
        {
            var waited = Stopwatch.StartNew();
            while (_folder.Lines().Count(l => l.Contains("\"episode_end\":true")) < 2)
            {
                if (first.HasExited) Assert.Fail("the first run ended before it could be killed: " + await first.StandardOutput.ReadToEndAsync());
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), "no episode finished within 4 minutes");
                await Task.Delay(100);
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            Assert.NotEqual(0, first.ExitCode);
        }
        var finishedBefore = _folder.Steps().Where(s => s.EpisodeEnd).Select(s => s.EpisodeId).ToArray();
        Assert.True(finishedBefore.Length is >= 2 and < 6, $"{finishedBefore.Length} episodes had finished when the run was killed");

        using var second = Start(args);
        var output = await second.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(6));
        await second.WaitForExitAsync();

        Assert.True(second.ExitCode == 0, output + await second.StandardError.ReadToEndAsync());
        Assert.Contains($"{finishedBefore.Length} already finished", output);
        var steps = _folder.Steps();
        var ends = steps.Where(s => s.EpisodeEnd).ToArray();
        Assert.Equal(6, ends.Length);
        Assert.Equal(6, ends.Select(e => e.EpisodeId).Distinct().Count());
        Assert.All(steps.GroupBy(s => (s.EpisodeId, s.Step)), g => Assert.Single(g));
        Assert.All(finishedBefore, id => Assert.EndsWith(".i1a1", ends.Single(e => e.EpisodeId == id).GridEpisodeId));
        Assert.All(ends.Where(e => !finishedBefore.Contains(e.EpisodeId)), e => Assert.EndsWith(".i2a1", e.GridEpisodeId));
        Assert.All(ends, e => Assert.NotNull(e.Observation.BestPositionScore));
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, "run.json")))!["invocations"]!.AsArray().Count);
        TrajectorySchema.AssertFileConforms(_folder.Trajectories);
    }

    [Fact]
    public async Task A_rollout_against_a_remote_grid_plays_over_the_gateways_http_api()
    {
        var options = DojoConfiguration.Load(["--config", _config]);
        EmbeddedGrid.UsePrivateState(options, Path.Combine(_folder.Path, "remote-grid"), "rollout-remote-" + Guid.NewGuid().ToString("N")[..8]);
        var httpPort = EmbeddedGrid.FreePort();
        await using var grid = await EmbeddedGrid.StartWithGatewayAsync(options, System.Net.IPAddress.Loopback, httpPort, insecureNoAuth: true, CancellationToken.None);
        var output = new StringWriter();
        var error = new StringWriter();
        var outDir = Path.Combine(_folder.Path, "out");

        var code = await Task.Run(() => DojoCli.Run(
            ["rollout", "--cluster", $"http://127.0.0.1:{httpPort}", "--agent", "info-only,sample-submission", "--competitions", "spaceship-titanic",
             "--episodes", "2", "--concurrency", "2", "--out", outDir], output, error));

        Assert.True(code == 0, output + error.ToString());
        Assert.Contains("remote grid at http://127.0.0.1:" + httpPort, output.ToString());
        var folder = new RunFolderView(outDir);
        var ends = folder.Steps.Where(s => s.EpisodeEnd).ToArray();
        Assert.Equal(4, ends.Length);
        Assert.All(ends.Where(e => e.Agent == "sample-submission"), e => Assert.True(e.Observation.Execution?.Submission?.Valid));
        Assert.All(ends.Where(e => e.Agent == "info-only"), e => Assert.Equal(5, e.Step));
        Assert.False(Directory.Exists(Path.Combine(outDir, "grid")));
        TrajectorySchema.AssertFileConforms(Path.Combine(outDir, "trajectories.jsonl"));
    }

    [Theory]
    [InlineData("--agent", "nobody", "Unknown agent 'nobody'")]
    [InlineData("--agent", "llm", "needs a model endpoint")]
    [InlineData("--episodes", "0", "must be at least 1")]
    [InlineData("--cluster", "ftp://example", "http(s) URL")]
    [InlineData("--seeds", "one", "not an integer")]
    [InlineData("--llm-url", "localhost:8000", "--llm-url must be an http(s) URL")]
    public void Bad_arguments_are_usage_errors_that_say_what_is_wrong(string option, string value, string message)
    {
        var arguments = new List<string> { "rollout", "--config", _config, "--out", _folder.Path, "--competitions", "spaceship-titanic" };
        if (option != "--agent") arguments.AddRange(["--agent", "info-only"]);
        arguments.AddRange([option, value]);
        var error = new StringWriter();

        Assert.Equal(DojoCli.UsageError, DojoCli.Run([.. arguments], new StringWriter(), error));
        Assert.Contains(message, error.ToString());
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        _folder.Dispose();
        File.Delete(_config);
    }

    private sealed class RunFolderView(string path)
    {
        public IReadOnlyList<Trajectories.TrajectoryStep> Steps { get; } = File.ReadAllLines(Path.Combine(path, "trajectories.jsonl"))
            .Select(l => System.Text.Json.JsonSerializer.Deserialize<Trajectories.TrajectoryStep>(l, Gateway.Wire.GatewayJson.Options)!).ToArray();
    }
}

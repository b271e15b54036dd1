using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Cluster;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// The multi-node acceptance test: PostgreSQL, 3 silo processes and the HTTP gateway on loopback
/// (deploy/local-cluster.sh), 300 episodes × 8 steps from two client processes; a silo is killed with SIGKILL
/// mid-run and restarted, then every silo is restarted gracefully, one at a time. Every episode must complete, and
/// each one's recorded history must hold exactly the steps its client sent, once each, in order.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int EpisodesPerClient = 150;
    private const int Steps = 8;
    private const int TotalSteps = 2 * EpisodesPerClient * Steps;

    [Fact]
    public async Task Killed_and_rolling_restarted_silos_lose_no_episode_and_run_no_step_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var cluster = await LocalCluster.UpAsync(RepoPaths.Root, Path.Combine(AppContext.BaseDirectory, "dojo.dll"), database.Name, silos: 3);
        var run = Guid.NewGuid().ToString("N")[..6];
        var reports = Path.Combine(cluster.StateDirectory, "reports");
        Directory.CreateDirectory(reports);

        var clock = Stopwatch.StartNew();
        using var first = EpisodeDriver.Start(cluster.GatewayUrl, cluster.State["API_KEY"], $"a{run}", EpisodesPerClient, Steps, 12, Path.Combine(reports, "a.json"));
        using var second = EpisodeDriver.Start(cluster.GatewayUrl, cluster.State["API_KEY"], $"b{run}", EpisodesPerClient, Steps, 12, Path.Combine(reports, "b.json"));
        int Answered() => first.Answered + second.Answered;

        // Faults while the clients are mid-run: a SIGKILL of silo 3 (restarted at once), then a rolling restart.
        var events = new List<string>();
        async Task FaultAsync(int silo, bool kill)
        {
            var at = Answered();
            var restart = Stopwatch.StartNew();
            var (code, text) = await cluster.RestartSiloAsync(silo, kill);
            Assert.True(code == 0, $"restart-silo {silo} failed:\n{text}\n{cluster.Logs()}");
            events.Add($"{clock.Elapsed.TotalSeconds,6:F1} s: silo {silo} {(kill ? "killed (SIGKILL)" : "stopped (SIGTERM)")} at {at}/{TotalSteps} steps, back in {restart.Elapsed.TotalSeconds:F1} s");
        }
        await WaitForAsync(() => Answered() >= TotalSteps / 5, TimeSpan.FromMinutes(3), "the clients to get going");
        await FaultAsync(3, kill: true);
        foreach (var silo in new[] { 1, 2, 3 })
        {
            if (Answered() >= TotalSteps * 9 / 10) break;
            await FaultAsync(silo, kill: false);
        }

        var reportA = await first.WaitAsync(TimeSpan.FromMinutes(6));
        var reportB = await second.WaitAsync(TimeSpan.FromMinutes(6));
        var episodes = reportA.Episodes.Concat(reportB.Episodes).ToArray();

        Report(events, episodes, clock.Elapsed);

        // Every episode completed, each answer reporting the step it was (none skipped or repeated).
        Assert.Equal(2 * EpisodesPerClient, episodes.Length);
        Assert.Empty(episodes
            .Where(e => e.Error is not null || !e.Done || !e.StepsSeen.SequenceEqual(Enumerable.Range(1, Steps)))
            .Select(e => $"{e.Id}: error {e.Error}, done {e.Done}, steps seen [{string.Join(",", e.StepsSeen)}], " +
                         $"attempts [{string.Join(",", e.Attempts)}], answers [{string.Join(" | ", e.Statuses)}]"));

        // The grain's own record, read through a cluster client (gateways from the PostgreSQL membership table):
        // exactly the request ids the client sent, each once, in order.
        using var client = await LocalClusterClient.ConnectAsync(database.ConnectionString, cluster.ClusterId);
        var grains = client.Services.GetRequiredService<IGrainFactory>();
        foreach (var episode in episodes)
        {
            var history = await grains.GetGrain<IEpisodeGrain>(episode.Id).GetHistory();
            Assert.Equal(episode.RequestIds, history.Select(h => h.RequestId));
            Assert.Equal(Enumerable.Range(1, Steps), history.Select(h => h.Step));
        }
    }

    private void Report(List<string> events, DrivenEpisode[] episodes, TimeSpan elapsed)
    {
        var waits = episodes.SelectMany(e => e.WaitsMs).Order().ToArray();
        var retried = episodes.SelectMany(e => e.Attempts.Zip(e.WaitsMs)).Where(p => p.First > 1).Select(p => p.Second).Order().ToArray();
        var affected = episodes.Where(e => e.Attempts.Any(a => a > 1)).ToArray();
        var affectedWaits = affected.Select(e => e.WaitsMs.Zip(e.Attempts).Where(p => p.Second > 1).Sum(p => p.First)).Order().ToArray();
        var lines = new List<string>(events)
        {
            $"{episodes.Length} episodes × {Steps} steps in {elapsed.TotalSeconds:F1} s; step wait p50 {Percentile(waits, 0.5)} ms, p99 {Percentile(waits, 0.99)} ms, max {waits[^1]} ms",
            $"affected episodes (a step answered only after retries): {affected.Length}; retried steps: {retried.Length}; " +
            $"time an affected episode waited on retried steps: p50 {Percentile(affectedWaits, 0.5)} ms, max {(affectedWaits.Length > 0 ? affectedWaits[^1] : 0)} ms",
        };
        foreach (var line in lines)
        {
            output.WriteLine(line);
            Console.Error.WriteLine("cluster fault test: " + line);
        }
    }

    private static int Percentile(int[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MLEDojo.Abstractions;
using MLEDojo.Client;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.DataSelect.Bench;

/// <summary>
/// N concurrent data-select episodes on one silo (SQLite storage, every step persisted before its answer), each
/// played by the balanced agent through <see cref="DojoClient"/> and reset with a new id when done, for S seconds.
/// Reports steps/s, resets/s and step latency percentiles.
/// </summary>
internal static class GridThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var episodes = Option(args, "--episodes", 1000);
        var seconds = Option(args, "--seconds", 30);
        var task = args.SkipWhile(a => a != "--task").Skip(1).FirstOrDefault() ?? "easy";
        var folder = Path.Combine(Path.GetTempPath(), "dataselect-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new DojoSiloOptions
        {
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ClusterId = "dataselect-bench",
            CompetitionsRoot = folder,
            EpisodesRoot = Path.Combine(folder, "episodes"),
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")};Default Timeout=120" },
            Devices = new DojoDevicesOptions { Node = "bench", Gpus = "none" },
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo.UseMLEDojo(options));
        using var host = builder.Build();
        await host.StartAsync();
        var client = new DojoClient(host.Services.GetRequiredService<IGrainFactory>());

        // The shared dataset and the warm model are built once per process; do it before the clock starts.
        await (await client.StartDataSelectEpisodeAsync(task, 0)).StopAsync();

        var loadAtStart = LoadAverage();
        var latencies = new List<(double At, double Ms)>[episodes];
        var started = 0;
        var allStarted = TimeSpan.Zero;
        var resets = new int[episodes];
        var failures = 0;
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        // The balanced baseline's action (FixedAgent.Balanced), as the grid receives it.
        var action = EpisodeAction.SelectBatch(10, 0.4, 0.4, 0.2);
        await Task.WhenAll(Enumerable.Range(0, episodes).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < deadline)
            {
                var session = await client.StartDataSelectEpisodeAsync(task, worker * 1000 + resets[worker]);
                // Steady state starts when every episode is open: before, the silo is mostly building pools.
                if (resets[worker]++ == 0 && Interlocked.Increment(ref started) == episodes) allStarted = clock.Elapsed;
                while (!session.Done && clock.Elapsed < deadline)
                {
                    var begun = Stopwatch.GetTimestamp();
                    var step = await session.StepAsync(action);
                    mine.Add((clock.Elapsed.TotalSeconds, Stopwatch.GetElapsedTime(begun).TotalMilliseconds));
                    if (step.Error is not null) Interlocked.Increment(ref failures);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        // CPU time is what a shared machine cannot distort much: steps per CPU-second is the rate per free core.
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
        var all = latencies.SelectMany(l => l.Select(s => s.Ms)).Order().ToArray();
        var steady = latencies.SelectMany(l => l).Count(s => s.At >= allStarted.TotalSeconds);
        Console.WriteLine($"task {task}, {episodes} concurrent episodes on one silo, SQLite episode storage, {elapsed:F1} s, {Environment.ProcessorCount} cores, load average at start {loadAtStart}, at end {LoadAverage()}");
        Console.WriteLine($"steps: {all.Length} ({all.Length / elapsed:F0} steps/s overall), resets: {resets.Sum()} ({resets.Sum() / elapsed:F0}/s), refused steps: {failures}");
        Console.WriteLine(started < episodes || elapsed - allStarted.TotalSeconds < 1
            ? $"steady state: not reached ({started} of {episodes} episodes open, the last after {allStarted.TotalSeconds:F1} s)"
            : $"steady state (all {episodes} open after {allStarted.TotalSeconds:F1} s): {steady} steps in {elapsed - allStarted.TotalSeconds:F1} s = {steady / (elapsed - allStarted.TotalSeconds):F0} steps/s");
        Console.WriteLine($"process CPU: {cpu:F1} s ({cpu / elapsed:F2} cores on average) = {cpu * 1000 / Math.Max(1, all.Length + resets.Sum()):F2} ms per step or reset; {all.Length / Math.Max(cpu, 1e-9):F0} steps per CPU-second (resets included in the CPU)");
        Console.WriteLine($"step latency ms: p50 {Percentile(all, 0.50):F1}, p90 {Percentile(all, 0.90):F1}, p99 {Percentile(all, 0.99):F1}, max {all.LastOrDefault():F1}");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        await host.StopAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return failures == 0 ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

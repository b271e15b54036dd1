using System.Diagnostics;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace MLEDojo.GatewayBench;

/// <summary>
/// The episode step journal alone, as a silo runs it on the embedded profile (SQLite, WAL, synchronous=FULL, group
/// commit): N episodes each append their steps in order, one awaited append at a time, for a while. Reports appends/s,
/// commits/s (one fsync each), records per commit and the CPU each append cost: what storage allows the step path.
/// </summary>
public static class JournalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var episodes = WebSocketBenchmark.Option(args, "--episodes", 4096);
        var seconds = WebSocketBenchmark.Option(args, "--seconds", 10);
        var payloadBytes = WebSocketBenchmark.Option(args, "--payload-bytes", 600);
        var folder = Path.Combine(Path.GetTempPath(), "mledojo-journalbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")}" };
            await SqliteGrainStorageSchema.EnsureCreatedAsync(storage.ConnectionString, CancellationToken.None);
            await using var journal = EpisodeJournals.Create(storage, "bench", NullLogger.Instance);
            var payload = new byte[payloadBytes];
            Random.Shared.NextBytes(payload);
            Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var counts = await Task.WhenAll(Enumerable.Range(0, episodes).Select(e => Task.Run(async () =>
            {
                var step = 0;
                while (!stop.IsCancellationRequested)
                    await journal.AppendAsync(new JournalRecord("bench-" + e, 1, ++step, $"r{e}-{step}", payload));
                return step;
            })));
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var appends = counts.Sum();
            var wall = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"journal (SQLite, group commit): {appends} appends of {payloadBytes} B by {episodes} episodes in {wall:F1} s = {appends / wall:F0}/s; "
                + $"{journal.Commits} commits = {journal.Commits / wall:F0}/s, {appends / (double)Math.Max(1, journal.Commits):F0} records per commit; "
                + $"CPU {cpu.TotalSeconds:F1} s = {cpu.TotalSeconds * 1e6 / Math.Max(1, appends):F0} µs per append");
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}

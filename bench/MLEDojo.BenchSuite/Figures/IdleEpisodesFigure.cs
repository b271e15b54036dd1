using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Client;
using MLEDojo.Execution;
using MLEDojo.Grains.Episodes;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 5: many open, idle episodes on one silo (in this process, SQLite storage, as the embedded grid runs). It
/// opens them, measures the process with every episode activated, deactivates them all
/// (<see cref="IManagementGrain.ForceActivationCollection(TimeSpan)"/>) and measures again: memory per episode is the
/// growth over the silo before they existed, divided by their number. Then the first step of a sample of them
/// (reactivation from storage) is timed beside a plain storage read of an episode's state and a step of an episode
/// already active, in the same run.
/// </summary>
public sealed class IdleEpisodesFigure(int? episodes = null, int? sampled = null) : IBenchFigure
{
    private const string Competition = "spaceship-titanic";
    private const int Warmup = 256;

    public int Number => 5;

    public string Title => "Idle episodes on one silo: memory each while deactivated, first step after reactivation";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var wanted = episodes ?? (context.Quick ? 2_000 : 100_000);
        // Opening is bound by the storage's commits (one per reset); on a slow disk the figure measures what it
        // opened in its time budget rather than overrunning the runner's limit, and says so.
        var budget = context.Quick ? TimeSpan.FromSeconds(40) : TimeSpan.FromMinutes(10);
        var options = SiloOptions(context.WorkDirectory);
        using var host = await StartSiloAsync(options, cancellationToken);
        try
        {
            return await MeasureAsync(host, wanted, budget, context, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private async Task<FigureResult> MeasureAsync(IHost host, int wanted, TimeSpan budget, BenchContext context, CancellationToken cancellationToken)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        // The competition, the code paths, the storage's connection pool and the thread pool warm up on episodes
        // that are part of the baseline, opened as concurrently as the measured ones.
        await OpenAsync(grains, "warmup", Warmup, TimeSpan.MaxValue, cancellationToken);
        await DeactivateAllAsync(management, context.Log, cancellationToken);
        var empty = MemoryReading.Take();

        context.Log.WriteLine($"[5] opening up to {wanted:N0} episodes (at most {budget.TotalSeconds:F0} s) …");
        var opening = Stopwatch.StartNew();
        var opened = await OpenAsync(grains, "idle", wanted, budget, cancellationToken);
        var openSeconds = opening.Elapsed.TotalSeconds;
        var count = opened.Length;
        if (count < 2) throw new InvalidOperationException($"Only {count} episodes opened in {budget.TotalSeconds:F0} s; nothing to measure.");
        var active = MemoryReading.Take() - empty;
        var activations = await EpisodeActivationsAsync(management);

        var deactivating = Stopwatch.StartNew();
        await DeactivateAllAsync(management, context.Log, cancellationToken);
        var deactivateSeconds = deactivating.Elapsed.TotalSeconds;
        var idle = MemoryReading.Take() - empty;

        // Two disjoint samples spread over all episodes: one read straight from storage, one stepped (reactivated,
        // then stepped again while active), interleaved so both see the same machine.
        var sample = Math.Min(count / 2, sampled ?? (context.Quick ? 200 : 2_000));
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(MLEDojo.Hosting.SiloBuilderExtensions.EpisodeStorage);
        var storageReads = new LatencySample();
        var firstSteps = new LatencySample();
        var activeSteps = new LatencySample();
        var stride = count / (2 * sample);
        for (var i = 0; i < sample; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = grains.GetGrain<IEpisodeGrain>(EpisodeId("idle", opened[2 * i * stride]));
            var stepped = grains.GetGrain<IEpisodeGrain>(EpisodeId("idle", opened[(2 * i + 1) * stride]));
            var state = new GrainState<EpisodeState>();
            await storageReads.TimeAsync(async () => { await storage.ReadStateAsync("episode", read.GetGrainId(), state); return state; });
            if (state.State?.Status != EpisodeStatus.Running) throw new InvalidOperationException($"Storage holds no running episode for {read.GetPrimaryKeyString()}.");
            Check(await firstSteps.TimeAsync(() => stepped.Step(EpisodeAction.RequestInfo("name"), $"first-{i}")));
            Check(await activeSteps.TimeAsync(() => stepped.Step(EpisodeAction.RequestInfo("name"), $"again-{i}")));
        }

        var idleResident = idle.ResidentBytes / (double)count;
        var reactivationP99 = firstSteps.Percentile(0.99);
        return new FigureResult(Number, Title,
        [
            new FigureRow($"resident memory (RSS) per deactivated episode, {count:N0} episodes", Kilobytes(idleResident), "KB",
                "RSS per activated episode", Kilobytes(active.ResidentBytes / (double)count), "KB",
                "< 5 KB each while deactivated", Kilobytes(idleResident) < 5),
            new FigureRow("managed heap per deactivated episode", Kilobytes(idle.GcHeapBytes / (double)count), "KB",
                "managed heap per activated episode", Kilobytes(active.GcHeapBytes / (double)count), "KB"),
            new FigureRow($"p99 first step after reactivation from storage (request_info, {sample} episodes one at a time)", reactivationP99, "ms",
                "p99 plain storage read of one episode's state", storageReads.Percentile(0.99), "ms",
                "p99 < 20 ms", reactivationP99 < 20),
            new FigureRow("p99 first step after reactivation from storage", reactivationP99, "ms",
                "p99 step of the same episode, active", activeSteps.Percentile(0.99), "ms"),
        ], TimeSpan.Zero,
            Note: $"{count:N0} of {wanted:N0} episodes opened in {openSeconds:F1} s{(count < wanted ? " (the time budget ran out)" : "")}, " +
                  $"{activations:N0} episode activations before deactivation, " +
                  $"all deactivated in {deactivateSeconds:F1} s; memory is after a full compacting collection, minus the silo's with " +
                  $"{Warmup} warm-up episodes deactivated ({Megabytes(empty.ResidentBytes)} MB RSS, {Megabytes(empty.GcHeapBytes)} MB heap); " +
                  $"p50: reactivation {firstSteps.Percentile(0.5):F2} ms, storage read {storageReads.Percentile(0.5):F2} ms, " +
                  $"active step {activeSteps.Percentile(0.5):F2} ms; SQLite storage, in-memory reminders (one expiry reminder per episode)");
    }

    private static DojoSiloOptions SiloOptions(string folder) => new()
    {
        SiloPort = BenchPaths.FreePort(),
        GatewayPort = BenchPaths.FreePort(),
        ClusterId = "bench-idle-" + Guid.NewGuid().ToString("N")[..8],
        CompetitionsRoot = BenchPaths.CompetitionsRoot(),
        EpisodesRoot = Path.Combine(folder, "episodes"),
        Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")};Default Timeout=120" },
        Devices = new DojoDevicesOptions { Node = "bench", Gpus = "none" },
        // The expiry reminder of every episode would otherwise wake it each minute and keep it activated.
        Episodes = new DojoEpisodesOptions { ExpiryCheckSeconds = 86400 },
    };

    private static async Task<IHost> StartSiloAsync(DojoSiloOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo
            .UseMLEDojo(options, _ => new RefusingCodeRunner("Figure 5 runs no code."))
            // Only the figure deactivates episodes, when it has measured them all activated.
            .Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2)));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Resets episodes 0..count-1 of <paramref name="prefix"/>, 64 at a time, until done or past <paramref name="budget"/>; answers the indices opened, in order.</summary>
    private static async Task<int[]> OpenAsync(IGrainFactory grains, string prefix, int count, TimeSpan budget, CancellationToken cancellationToken)
    {
        var options = new EpisodeOptions { Competition = Competition, AgentName = "bench" };
        var opened = new System.Collections.Concurrent.ConcurrentBag<int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                if (clock.Elapsed > budget) return;
                Check(await grains.GetGrain<IEpisodeGrain>(EpisodeId(prefix, i)).Reset(options, "open"));
                opened.Add(i);
            });
        return opened.Order().ToArray();
    }

    private static async Task DeactivateAllAsync(IManagementGrain management, TextWriter log, CancellationToken cancellationToken)
    {
        while (true)
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            var left = await EpisodeActivationsAsync(management);
            if (left == 0) return;
            log.WriteLine($"[5] {left:N0} episode activations left …");
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<int> EpisodeActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(nameof(EpisodeGrain), StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);

    private static void Check(StepResult result)
    {
        if (result.Error is not null) throw new InvalidOperationException("An episode refused a bench call: " + result.Error);
    }

    private static string EpisodeId(string prefix, int index) => $"bench5-{prefix}-{index}";

    private static double Kilobytes(double bytes) => bytes / 1024;

    private static long Megabytes(long bytes) => bytes / (1024 * 1024);
}

using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.BenchSuite.Ping;
using MLEDojo.Client;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 1: request_info steps/s through the .NET client (<see cref="DojoClient"/> over an Orleans client connected
/// to the silo's gateway port, in this process)
/// with 1, 64 and 1,024 concurrent episodes, each beside raw grain pings at the same concurrency on the same silo.
/// Every step is a real one: recorded in the episode's history and persisted before it is answered. Up to 64
/// episodes, the steps are also set beside the journal alone, and the pings beside a durable append-only log (the
/// journal without its index): the least a step that is persisted before its answer must wait for.
/// Two more references split a step's cost from the other side: step-shaped calls answered from memory (what Orleans
/// charges for a step's messages) and, up to 64 episodes, the same steps on a second silo whose journal is in memory
/// (what a step costs without persistence).
/// </summary>
public sealed class ClientThroughputFigure(ClientThroughputFigure.Sizes? sizes = null) : IBenchFigure
{
    /// <param name="Concurrency">The concurrent episodes (and ping callers) of each row group.</param>
    /// <param name="Duration">How long each closed loop runs.</param>
    public sealed record Sizes(IReadOnlyList<int> Concurrency, TimeSpan Duration)
    {
        public static Sizes Quick { get; } = new([1, 64, 256], TimeSpan.FromSeconds(2));
        public static Sizes Full { get; } = new([1, 64, 1024], TimeSpan.FromSeconds(10));
    }

    /// <summary>The concurrency whose p99 the goal bounds.</summary>
    public const int LatencyGoalConcurrency = 64;
    public const double LatencyGoalMs = 10;
    public const double ThroughputGoalRatio = 0.5;
    /// <summary>Concurrencies up to this one are also measured against the episode journal alone with as many appenders.</summary>
    public const int JournalAppenders = 64;

    public int Number => 1;

    public string Title => "request_info steps/s through the .NET client vs raw grain pings";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        await using var silo = await BenchSilo.StartAsync(context.WorkDirectory, "client", cancellationToken);
        await using var connection = await silo.ConnectClientAsync(cancellationToken);
        var client = connection.Client;
        var action = EpisodeAction.RequestInfo("name");
        var rows = new List<FigureRow>();
        var storageRows = new List<FigureRow>();
        var referenceRows = new List<FigureRow>();
        var cpuRows = new List<FigureRow>();
        var pings = new Dictionary<int, LoadSample>();
        var errors = 0L;
        foreach (var concurrency in size.Concurrency)
        {
            var ping = await PingLoad.RunAsync(connection.Grains, concurrency, size.Duration, context.Warmup, cancellationToken);
            context.Log.WriteLine($"[1] ping x{concurrency}: {ping}");
            var (episodes, steps) = await StepLoopAsync(client, concurrency, size, action, context, cancellationToken);
            context.Log.WriteLine($"[1] request_info x{concurrency}: {steps}");
            errors += steps.Errors;
            rows.AddRange(Rows(concurrency, steps, ping));
            pings[concurrency] = ping;
            var echo = await EchoLoad.RunAsync(connection.Grains, concurrency, action, episodes.Last(0)!, size.Duration, context.Warmup, cancellationToken);
            context.Log.WriteLine($"[1] step-shaped echo x{concurrency}: {echo}");
            errors += echo.Errors;
            referenceRows.Add(PingLoad.Beside($"step-shaped calls/s answered from memory, {concurrency} callers", echo.PerSecond, "calls/s", concurrency, ping.PerSecond));
            if (concurrency == LatencyGoalConcurrency)
            {
                cpuRows.Add(CpuRow("request_info step", steps, ping));
                cpuRows.Add(CpuRow("step-shaped call answered from memory", echo, ping));
            }
            if (concurrency > JournalAppenders) continue;
            // Each step appends its record to the journal before its answer: the journal alone bounds the steps.
            var recordBytes = await JournalRecordSize.MeanBytesAsync(silo.DatabasePath, cancellationToken);
            var appends = await JournalAppendProbe.RunAsync(Path.Combine(context.WorkDirectory, $"probe-{concurrency}"), concurrency, recordBytes, size.Duration, context.Warmup, cancellationToken);
            context.Log.WriteLine($"[1] journal appends x{concurrency}: {appends}");
            storageRows.Add(JournalAppendProbe.Row($"request_info steps/s, {concurrency} episodes, against the journal", steps.PerSecond, appends));
            // The floor under any persisted step: if this is below half the pings, so is every step.
            var appendOnly = await JournalAppendProbe.RunAsync(Path.Combine(context.WorkDirectory, $"log-{concurrency}"), concurrency, recordBytes, size.Duration,
                context.Warmup, cancellationToken, appendOnly: true);
            context.Log.WriteLine($"[1] append-only log appends x{concurrency}: {appendOnly}");
            storageRows.Add(JournalAppendProbe.FloorRow(concurrency, appendOnly, ping.PerSecond));
            if (concurrency == LatencyGoalConcurrency)
            {
                cpuRows.Add(CpuRow("episode journal append (journal alone)", appends.Sample, ping));
                cpuRows.Add(CpuRow("durable append-only log append", appendOnly.Sample, ping));
            }
        }
        rows.AddRange(storageRows);
        rows.AddRange(referenceRows);
        rows.AddRange(await UnpersistedRowsAsync(context, size, action, pings, cpuRows, cancellationToken));
        rows.AddRange(cpuRows);
        if (errors > 0) throw new InvalidOperationException($"{errors} request_info steps (or their echoes) were answered with an error.");
        return new FigureResult(Number, Title, rows, TimeSpan.Zero,
            Note: "one Orleans client through the silo's gateway port (loopback TCP) for both; every step is recorded and persisted (SQLite) before its answer, a ping is a stateless grain call");
    }

    /// <summary>
    /// The same steps on a second silo whose journal is in memory, up to <see cref="JournalAppenders"/> episodes, each
    /// beside the pings of its concurrency (measured on the first silo in this run).
    /// </summary>
    private static async Task<IEnumerable<FigureRow>> UnpersistedRowsAsync(BenchContext context, Sizes size, EpisodeAction action,
        IReadOnlyDictionary<int, LoadSample> pings, List<FigureRow> cpuRows, CancellationToken cancellationToken)
    {
        var concurrencies = size.Concurrency.Where(c => c <= JournalAppenders).ToList();
        if (concurrencies.Count == 0) return [];
        await using var silo = await BenchSilo.StartAsync(Path.Combine(context.WorkDirectory, "unpersisted"), "memory", cancellationToken, persistSteps: false);
        await using var connection = await silo.ConnectClientAsync(cancellationToken);
        var rows = new List<FigureRow>();
        foreach (var concurrency in concurrencies)
        {
            var (_, steps) = await StepLoopAsync(connection.Client, concurrency, size, action, context, cancellationToken);
            context.Log.WriteLine($"[1] request_info, journal in memory x{concurrency}: {steps}");
            if (steps.Errors > 0) throw new InvalidOperationException($"{steps.Errors} request_info steps on the silo without persistence were answered with an error.");
            rows.Add(PingLoad.Beside($"request_info steps/s, {concurrency} episodes, journal in memory (not persisted; p99 {steps.P99Ms:0.##} ms)", steps.PerSecond, "steps/s",
                concurrency, pings[concurrency].PerSecond));
            if (concurrency == LatencyGoalConcurrency) cpuRows.Add(CpuRow("request_info step, journal in memory", steps, pings[concurrency]));
        }
        return rows;
    }

    /// <summary>Opens <paramref name="concurrency"/> episodes and steps them in a closed loop, replacing any that end.</summary>
    private static async Task<(EpisodePool Episodes, LoadSample Steps)> StepLoopAsync(DojoClient client, int concurrency, Sizes size, EpisodeAction action,
        BenchContext context, CancellationToken cancellationToken)
    {
        var episodes = await EpisodePool.OpenAsync(client, concurrency, (_, _) => Options, cancellationToken);
        var steps = await ClosedLoop.RunAsync(concurrency, size.Duration, i => episodes.StepAsync(i, action), episodes.ReplaceIfDoneAsync, cancellationToken, context.Warmup);
        return (episodes, steps);
    }

    /// <summary>An episode long enough that a worker replaces it rarely (the silo's default limits.maxSteps).</summary>
    private static EpisodeOptions Options { get; } = new() { Competition = "spaceship-titanic", MaxSteps = 500 };

    /// <summary>
    /// What one operation of a loop cost this process in CPU (client and silo together), beside a raw ping's at the same
    /// concurrency: the ratio is how many pings' CPU the operation takes. Where both loops keep the cores busy, a rate
    /// can reach at most the pings' rate over that ratio; a loop that leaves cores idle is held by waiting, not by CPU
    /// (and its idle threads' spinning counts in its CPU).
    /// </summary>
    public static FigureRow CpuRow(string operation, LoadSample sample, LoadSample ping) => new(
        $"process CPU per {operation}, {sample.Workers} concurrent ({sample.CoresBusy:0.##} of {Environment.ProcessorCount} cores busy)",
        sample.CpuPerOperationUs, "µs",
        $"process CPU per raw grain ping, {ping.Workers} callers ({ping.CoresBusy:0.##} cores busy)", ping.CpuPerOperationUs, "µs");

    /// <summary>The rows of one concurrency: steps/s against pings/s, and the latencies against the ping's.</summary>
    public static IEnumerable<FigureRow> Rows(int concurrency, LoadSample steps, LoadSample ping)
    {
        var throughput = PingLoad.Beside($"request_info steps/s, {concurrency} episodes", steps.PerSecond, "steps/s", concurrency, ping.PerSecond,
            $"≥ {ThroughputGoalRatio * 100:0}% of raw ping");
        yield return throughput with { GoalMet = throughput.Ratio >= ThroughputGoalRatio };
        yield return new FigureRow($"step latency p50, {concurrency} episodes", steps.P50Ms, "ms", "ping p50", ping.P50Ms, "ms");
        yield return concurrency == LatencyGoalConcurrency
            ? new FigureRow($"step latency p99, {concurrency} episodes", steps.P99Ms, "ms", "ping p99", ping.P99Ms, "ms", $"< {LatencyGoalMs} ms", steps.P99Ms < LatencyGoalMs)
            : new FigureRow($"step latency p99, {concurrency} episodes", steps.P99Ms, "ms", "ping p99", ping.P99Ms, "ms");
    }
}

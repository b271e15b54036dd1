using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Devices;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.BenchSuite.Ping;
using MLEDojo.Execution;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 7: a GPU device's queue (<c>GpuDeviceGrain</c>, on a silo with fake devices and a code runner that only
/// holds each run briefly) given many executions at once: the gap between one execution's end and the next one's
/// start, beside a plain grain call's round trip on the same silo (the least any hand-over between grain turns costs).
/// </summary>
public sealed class GpuQueueFigure(GpuQueueFigure.Sizes? sizes = null) : IBenchFigure
{
    /// <param name="Executions">Executions sent to one device at once.</param>
    public sealed record Sizes(int Executions, TimeSpan PingDuration)
    {
        public static Sizes Quick { get; } = new(300, TimeSpan.FromSeconds(1));
        public static Sizes Full { get; } = new(3000, TimeSpan.FromSeconds(5));
    }

    /// <summary>How long the fake runner holds each run: long enough that every later execution is queued behind it.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(2);
    public const double GoalGapMs = 5;
    private const string Device = "bench/0";

    public int Number => 7;

    public string Title => "GPU device queue: gap between one execution's end and the next one's start";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        await using var silo = await BenchSilo.StartAsync(context.WorkDirectory, "gpu", cancellationToken, gpus: "fake:1",
            codeRunner: _ => new TimingCodeRunner(Hold));
        var ping = await PingLoad.RunAsync(silo.Grains, 1, size.PingDuration, context.Warmup, cancellationToken);
        context.Log.WriteLine($"[7] ping x1: {ping}");

        var device = silo.Grains.GetGrain<IGpuDeviceGrain>(Device);
        await device.GetStatus();
        var folder = Path.Combine(context.WorkDirectory, "episode");
        Directory.CreateDirectory(folder);
        var results = await Task.WhenAll(Enumerable.Range(0, size.Executions).Select(i => device.Execute(new ExecutionRequest
        {
            EpisodeId = "bench-gpu",
            Step = i,
            CodePath = Path.Combine(folder, $"execution_{i}.py"),
            WorkingDirectory = folder,
            PublicDataDirectory = folder,
            Timeout = TimeSpan.FromMinutes(1),
        }, cancellationToken)));
        if (results.FirstOrDefault(r => r.Status != ExecutionStatus.Success) is { } failed)
            throw new InvalidOperationException($"An execution on {Device} failed: {failed.Status} {failed.Stderr}");
        var gaps = Gaps(results);
        context.Log.WriteLine($"[7] {results.Length} executions, {gaps.Count} queued hand-overs measured");
        return new FigureResult(Number, Title, Rows(gaps, ping), TimeSpan.Zero,
            Note: $"{size.Executions} executions sent at once to one fake device; each run held {Hold.TotalMilliseconds:0} ms by a timing runner; gaps counted only where the next execution was already queued");
    }

    /// <summary>
    /// Milliseconds from each run's end to the next run's start, in start order, counted only where the next execution
    /// was queued behind another when it arrived (so it was waiting, and the gap is the queue's alone).
    /// </summary>
    public static IReadOnlyList<double> Gaps(IReadOnlyList<ExecutionResult> results)
    {
        var ordered = results.OrderBy(r => r.StartedAt).ToArray();
        var gaps = new List<double>();
        for (var i = 1; i < ordered.Length; i++)
            if (ordered[i].QueuePosition >= 1) gaps.Add((ordered[i].StartedAt - ordered[i - 1].FinishedAt).TotalMilliseconds);
        if (gaps.Count == 0) throw new InvalidOperationException("No execution was ever queued behind another: nothing measured the queue.");
        return gaps;
    }

    public static IReadOnlyList<FigureRow> Rows(IReadOnlyList<double> gaps, LoadSample ping)
    {
        var sorted = gaps.Order().ToArray();
        var median = LoadSample.Percentile(sorted, 0.50);
        return
        [
            new FigureRow("hand-over gap p50", median, "ms", "plain grain call round trip p50", ping.P50Ms, "ms", $"≤ {GoalGapMs} ms", median <= GoalGapMs),
            new FigureRow("hand-over gap p99", LoadSample.Percentile(sorted, 0.99), "ms", "plain grain call round trip p99", ping.P99Ms, "ms"),
            new FigureRow("hand-over gap max", sorted[^1], "ms"),
        ];
    }
}

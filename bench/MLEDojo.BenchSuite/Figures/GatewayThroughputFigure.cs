using MLEDojo.BenchSuite.Gateway;
using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 2: request_info steps/s through the WebSocket gateway of a real <c>dojo serve --http-port</c> process, one
/// session per episode, beside the same sessions' round trip of a frame the gateway answers itself (same Kestrel,
/// same connections, same run, no grain called): what the WebSocket path alone allows on this machine.
/// </summary>
public sealed class GatewayThroughputFigure(GatewayThroughputFigure.Sizes? sizes = null) : IBenchFigure
{
    public sealed record Sizes(IReadOnlyList<int> Concurrency, TimeSpan Duration)
    {
        public static Sizes Quick { get; } = new([1, 64, 256], TimeSpan.FromSeconds(2));
        public static Sizes Full { get; } = new([1, 64, 256, 1024], TimeSpan.FromSeconds(10));
    }

    public const double GoalStepsPerSecond = 10_000;

    public int Number => 2;

    public string Title => "request_info steps/s through the WebSocket gateway vs the gateway's own frame round trip";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        await using var server = await DojoServeProcess.StartAsync(context.DojoCommand, Path.Combine(context.WorkDirectory, "serve"), cancellationToken);
        var sessions = new List<WebSocketEpisode>();
        try
        {
            var measured = new List<(int Concurrency, LoadSample Steps, LoadSample Echo)>();
            var errors = 0L;
            foreach (var concurrency in size.Concurrency)
            {
                await OpenUpToAsync(sessions, concurrency, server.WebSocketUri, cancellationToken);
                var echo = await ClosedLoop.RunAsync(concurrency, size.Duration, i => sessions[i].EchoAsync(), cancellationToken: cancellationToken, warmup: context.Warmup);
                context.Log.WriteLine($"[2] frame round trip x{concurrency}: {echo}");
                var steps = await ClosedLoop.RunAsync(concurrency, size.Duration, i => sessions[i].StepAsync(),
                    i => sessions[i].Done ? sessions[i].ResetAsync(CancellationToken.None) : Task.CompletedTask, cancellationToken, context.Warmup);
                context.Log.WriteLine($"[2] request_info x{concurrency}: {steps}");
                errors += steps.Errors + echo.Errors;
                measured.Add((concurrency, steps, echo));
            }
            if (errors > 0) throw new InvalidOperationException($"{errors} frames were answered wrongly (see the log).");
            var peak = measured.MaxBy(m => m.Steps.PerSecond).Concurrency;
            var rows = measured.SelectMany(m => Rows(m.Concurrency, m.Steps, m.Echo, m.Concurrency == peak)).ToList();
            return new FigureResult(Number, Title, rows, TimeSpan.Zero,
                Note: "dojo serve --http-port --insecure-no-auth as a child process (keys are checked per connection, not per step); every step persisted before its answer");
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static async Task OpenUpToAsync(List<WebSocketEpisode> sessions, int count, Uri uri, CancellationToken cancellationToken)
    {
        var opened = new WebSocketEpisode[count - Math.Min(count, sessions.Count)];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(opened.Select(async (_, i) =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                opened[i] = await WebSocketEpisode.OpenAsync(uri, $"bench-ws-{sessions.Count + i}", cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        sessions.AddRange(opened);
    }

    /// <summary>
    /// One concurrency's rows. The steps/s goal is a machine's throughput, so it is read on the concurrency that
    /// reached the most steps/s (<paramref name="goalRow"/>); the others show how throughput and latency move with load.
    /// </summary>
    public static IEnumerable<FigureRow> Rows(int concurrency, LoadSample steps, LoadSample echo, bool goalRow)
    {
        var throughput = new FigureRow($"WS request_info steps/s, {concurrency} sessions", steps.PerSecond, "steps/s",
            $"WS frame round trips/s without a grain call, {concurrency} sessions", echo.PerSecond, "frames/s");
        yield return goalRow ? throughput with { Goal = $"≥ {GoalStepsPerSecond:N0} steps/s", GoalMet = steps.PerSecond >= GoalStepsPerSecond } : throughput;
        yield return new FigureRow($"WS step latency p50, {concurrency} sessions", steps.P50Ms, "ms", "frame round trip p50", echo.P50Ms, "ms");
        yield return new FigureRow($"WS step latency p99, {concurrency} sessions", steps.P99Ms, "ms", "frame round trip p99", echo.P99Ms, "ms");
    }
}

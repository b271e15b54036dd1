using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Ping;

/// <summary>Raw grain pings in a closed loop, one ping grain per worker (as each episode is its own grain).</summary>
public static class PingLoad
{
    public static async Task<LoadSample> RunAsync(IGrainFactory grains, int workers, TimeSpan duration, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var targets = Enumerable.Range(0, workers).Select(i => grains.GetGrain<IBenchPingGrain>(i)).ToArray();
        // Activations exist before the clock starts, as the episodes they are compared with do.
        await Task.WhenAll(targets.Select(t => t.Ping(0)));
        return await ClosedLoop.RunAsync(workers, duration, async i => await targets[i].Ping(i) == i, cancellationToken: cancellationToken, warmup: warmup);
    }

    /// <summary>A row that sets <paramref name="value"/> beside the raw pings of as many callers in the same run.</summary>
    public static FigureRow Beside(string measure, double value, string unit, int callers, double pingsPerSecond, string? goal = null) =>
        new(measure, value, unit, $"raw grain pings/s, {callers} callers", pingsPerSecond, "pings/s", goal);
}

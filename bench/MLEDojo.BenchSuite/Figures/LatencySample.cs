using System.Diagnostics;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>Latencies of one kind of call, in milliseconds, with nearest-rank percentiles.</summary>
public sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>The nearest-rank percentile (<paramref name="fraction"/> 0.99 = p99); NaN when nothing was measured.</summary>
    public double Percentile(double fraction)
    {
        if (_milliseconds.Count == 0) return double.NaN;
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

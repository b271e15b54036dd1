using System.Diagnostics;
using MLEDojo.BenchSuite.Infrastructure;

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

    /// <summary>The percentile (<paramref name="fraction"/> 0.99 = p99); NaN when nothing was measured.</summary>
    public double Percentile(double fraction) => LoadSample.Percentile(_milliseconds.Order().ToArray(), fraction);
}

using System.Globalization;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>What a closed loop measured: operations completed, over how long, and their latency percentiles.</summary>
public sealed record LoadSample(int Workers, long Operations, TimeSpan Elapsed, double P50Ms, double P99Ms, long Errors)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Operations / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// CPU time this process (the client and the silo, in the bench) spent over the measured window, all threads;
    /// zero where it was not measured. A throughput is bounded by the cores over the CPU each operation costs.
    /// </summary>
    public TimeSpan Cpu { get; init; }

    /// <summary>The garbage collections over the same window, and how long they paused the process.</summary>
    public GcReading Gc { get; init; } = GcReading.Zero;

    /// <summary>Microseconds of this process's CPU per operation completed in the window.</summary>
    public double CpuPerOperationUs => Operations > 0 ? Cpu.TotalMicroseconds / Operations : double.NaN;

    /// <summary>Cores this process kept busy on average over the window.</summary>
    public double CoresBusy => Elapsed > TimeSpan.Zero ? Cpu / Elapsed : 0;

    /// <summary>The latency below which a fraction <paramref name="p"/> of <paramref name="sorted"/> lies (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No values to take the median of.", nameof(values));
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Operations} ops by {Workers} workers in {Elapsed.TotalSeconds:F1} s = {PerSecond:F0}/s, p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, errors {Errors}, CPU {CpuPerOperationUs:F1} µs/op ({CoresBusy:F2} cores busy), {Gc}");
}

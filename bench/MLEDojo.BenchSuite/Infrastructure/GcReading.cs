using System.Globalization;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// The process's garbage collections so far and the time they paused it: read at both ends of a window, their
/// difference says how much of a latency tail the collector can account for.
/// </summary>
public readonly record struct GcReading(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
{
    public static GcReading Zero => default;

    public static GcReading Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));

    public static GcReading operator -(GcReading end, GcReading start) =>
        new(end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Paused - start.Paused, end.Allocated - start.Allocated);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GC {Gen0}/{Gen1}/{Gen2} (gen0/1/2) paused {Paused.TotalMilliseconds:F0} ms, {Allocated / 1e6:F0} MB allocated");
}

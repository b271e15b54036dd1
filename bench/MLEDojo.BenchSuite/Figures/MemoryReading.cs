using System.Runtime;
using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// What this process holds right now, after a full, compacting, decommitting collection: the live managed heap and
/// the resident set (which also counts native memory: SQLite's caches, thread stacks, the runtime itself).
/// </summary>
public sealed record MemoryReading(long GcHeapBytes, long ResidentBytes)
{
    public static MemoryReading Take()
    {
        // Twice: finalizers freed by the first collection release what they held to the second.
        for (var round = 0; round < 2; round++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return new MemoryReading(GC.GetTotalMemory(forceFullCollection: false), ProcessMemory.ResidentBytes());
    }

    public static MemoryReading operator -(MemoryReading a, MemoryReading b) =>
        new(a.GcHeapBytes - b.GcHeapBytes, a.ResidentBytes - b.ResidentBytes);
}

using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.Bench.Tests;

public sealed class GcReadingTests
{
    [Fact]
    public void A_window_counts_its_collections_and_allocations()
    {
        var start = GcReading.Now();
        var kept = new byte[4][];
        for (var i = 0; i < kept.Length; i++) kept[i] = new byte[1 << 20];
        GC.Collect(0);
        GC.Collect(1);

        var window = GcReading.Now() - start;

        Assert.True(window.Gen0 >= 2, window.ToString());
        Assert.True(window.Gen1 >= 1, window.ToString());
        Assert.True(window.Allocated >= 4_000_000, window.Allocated.ToString());
        Assert.True(window.Paused >= TimeSpan.Zero);
        Assert.Matches(@"^GC \d+/\d+/\d+ \(gen0/1/2\) paused \d+ ms, \d+ MB allocated$", window.ToString());
        GC.KeepAlive(kept);
    }
}

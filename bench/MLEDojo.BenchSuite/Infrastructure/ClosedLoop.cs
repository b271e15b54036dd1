using System.Diagnostics;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// N workers, each sending its next operation as soon as the last one answered, for a fixed time: the throughput a
/// system sustains at N outstanding requests, with each operation's latency.
/// </summary>
public static class ClosedLoop
{
    /// <param name="workers">Concurrent callers (episodes, sessions).</param>
    /// <param name="duration">How long the loop runs; operations answered after it ends still count, and each worker runs at least one.</param>
    /// <param name="operation">The timed operation of worker i; it returns false when its answer was an error.</param>
    /// <param name="prepare">Untimed work before each operation (e.g. a reset when the episode ended); null for none.</param>
    /// <param name="warmup">
    /// How long the workers run before the measured window starts, uncounted: the JIT's tiering and the thread pool's
    /// growth settle there, so a short window measures the steady state that long runs live in.
    /// </param>
    public static async Task<LoadSample> RunAsync(int workers, TimeSpan duration, Func<int, Task<bool>> operation,
        Func<int, Task>? prepare = null, CancellationToken cancellationToken = default, TimeSpan warmup = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var latencies = new List<double>[workers];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        // Read by the first operation of the measured window, not by a timer: a timer's callback can run late on a
        // busy machine (even after the loop), and the window's CPU would then come out short or negative.
        var windowStarted = 0;
        var cpuAtStart = TimeSpan.Zero;
        var gcAtStart = GcReading.Zero;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            // At least one measured operation each, however late a starved machine starts the worker: every caller is measured.
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (prepare is not null) await prepare(worker);
                var measured = clock.Elapsed >= warmup;
                if (measured && Volatile.Read(ref windowStarted) == 0 && Interlocked.Exchange(ref windowStarted, 1) == 0)
                {
                    cpuAtStart = ProcessCpu.Now();
                    gcAtStart = GcReading.Now();
                }
                var started = Stopwatch.GetTimestamp();
                var ok = await operation(worker);
                if (!measured) continue;
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
            while (mine.Count == 0 || clock.Elapsed < warmup + duration);
        }, cancellationToken)));
        var elapsed = clock.Elapsed - warmup;
        var cpu = ProcessCpu.Now() - cpuAtStart;
        var gc = GcReading.Now() - gcAtStart;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadSample(workers, all.Length, elapsed, LoadSample.Percentile(all, 0.50), LoadSample.Percentile(all, 0.99), errors) { Cpu = cpu, Gc = gc };
    }
}

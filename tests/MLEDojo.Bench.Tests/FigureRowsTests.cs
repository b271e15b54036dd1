using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Figures;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.BenchSuite.Scoring;

namespace MLEDojo.Bench.Tests;

/// <summary>Each figure's goal flags, computed from the values alone (no run).</summary>
public sealed class FigureRowsTests
{
    private static LoadSample Sample(int workers, long operations, double seconds, double p50, double p99) =>
        new(workers, operations, TimeSpan.FromSeconds(seconds), p50, p99, 0);

    [Fact]
    public void Figure_1_meets_its_throughput_goal_at_half_the_ping_rate_and_bounds_p99_only_at_64_episodes()
    {
        var ping = Sample(64, 1000, 1, 0.1, 1);
        var rows = ClientThroughputFigure.Rows(64, Sample(64, 500, 1, 2, 9.9), ping).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(0.5, rows[0].Ratio);
        Assert.True(rows[0].GoalMet);
        Assert.Null(rows[1].GoalMet);
        Assert.True(rows[2].GoalMet);

        rows = ClientThroughputFigure.Rows(64, Sample(64, 499, 1, 2, 10), ping).ToArray();
        Assert.False(rows[0].GoalMet);
        Assert.False(rows[2].GoalMet);

        rows = ClientThroughputFigure.Rows(1024, Sample(1024, 900, 1, 2, 500), ping).ToArray();
        Assert.True(rows[0].GoalMet);
        Assert.Null(rows[2].Goal);
        Assert.Null(rows[2].GoalMet);
    }

    [Fact]
    public void Figure_1_sets_an_operations_cpu_beside_a_pings_as_pings_worth()
    {
        var ping = Sample(64, 100_000, 1, 0.3, 1) with { Cpu = TimeSpan.FromSeconds(1.9) };
        var step = Sample(64, 10_000, 2, 3, 20) with { Cpu = TimeSpan.FromSeconds(3) };
        Assert.Equal(19, ping.CpuPerOperationUs, 6);
        Assert.Equal(300, step.CpuPerOperationUs, 6);
        Assert.Equal(1.5, step.CoresBusy, 6);

        var row = ClientThroughputFigure.CpuRow("request_info step", step, ping);
        Assert.Equal(300, row.Value, 6);
        Assert.Equal(19, row.LimitValue!.Value, 6);
        Assert.Equal(300 / 19.0, row.Ratio!.Value, 6);
        Assert.StartsWith("process CPU per request_info step, 64 concurrent (1.5 of ", row.Measure);
        Assert.Equal("process CPU per raw grain ping, 64 callers (1.9 cores busy)", row.Limit);
        Assert.Null(row.Goal);
        // A loop that completed nothing has no cost per operation, rather than an infinite one.
        Assert.True(double.IsNaN(Sample(1, 0, 1, 0, 0).CpuPerOperationUs));
    }

    [Fact]
    public void Figure_2_reads_its_goal_on_the_goal_row_only()
    {
        var echo = Sample(8, 40_000, 2, 0.1, 1);
        Assert.Null(GatewayThroughputFigure.Rows(8, Sample(8, 30_000, 2, 1, 2), echo, goalRow: false).First().GoalMet);
        var met = GatewayThroughputFigure.Rows(8, Sample(8, 20_000, 2, 1, 2), echo, goalRow: true).First();
        Assert.True(met.GoalMet);
        Assert.Equal(0.5, met.Ratio);
        Assert.False(GatewayThroughputFigure.Rows(8, Sample(8, 19_998, 2, 1, 2), echo, goalRow: true).First().GoalMet);
    }

    [Fact]
    public void Figure_3_takes_the_median_of_per_round_differences_against_the_bare_run()
    {
        // Rounds where the machine was slow for all three ways cancel out: the added time is the per-round difference.
        var rows = SandboxOverheadFigure.Rows([10, 100, 12], [20, 130, 25], [30, 120, 37]);
        var added = rows.Single(r => r.Goal is not null);
        Assert.Equal(20, added.Value);
        Assert.True(added.GoalMet);
        Assert.Equal(12, added.LimitValue);
        Assert.False(SandboxOverheadFigure.Rows([10], [20], [35.5]).Single(r => r.Goal is not null).GoalMet);
    }

    [Fact]
    public void Figure_4_needs_five_times_the_python_speed_and_the_same_score()
    {
        var python = new ScoringMeasurement(0.8, 1.0, 2.0, 0, 0);
        var rows = ScoringFigure.Rows("auc", new ScoringMeasurement(0.8, 0.2, 1.0, 0, 0), python).ToArray();
        Assert.True(rows[0].GoalMet);
        Assert.Null(rows[1].GoalMet);
        Assert.False(ScoringFigure.Rows("auc", new ScoringMeasurement(0.8, 0.21, 1.0, 0, 0), python).First().GoalMet);
        var mismatch = Assert.Throws<InvalidOperationException>(() => ScoringFigure.Rows("auc", new ScoringMeasurement(0.81, 0.1, 1.0, 0, 0), python).ToArray());
        Assert.Contains("means nothing", mismatch.Message);
    }

    [Fact]
    public void Figure_7_counts_gaps_only_where_the_next_execution_was_queued()
    {
        var t0 = DateTimeOffset.Parse("2026-12-05T00:00:00Z");
        ExecutionResult Run(double startMs, double endMs, int position) => new()
        {
            Status = ExecutionStatus.Success,
            StartedAt = t0.AddMilliseconds(startMs),
            FinishedAt = t0.AddMilliseconds(endMs),
            QueuePosition = position,
        };
        // The third arrived after the second had finished (position 0): its wait is not the queue's.
        var gaps = GpuQueueFigure.Gaps([Run(10, 12, 1), Run(0, 8, 0), Run(50, 52, 0), Run(53, 54, 2)]);
        Assert.Equal([2, 1], gaps);
        Assert.Throws<InvalidOperationException>(() => GpuQueueFigure.Gaps([Run(0, 1, 0), Run(5, 6, 0)]));

        var rows = GpuQueueFigure.Rows([1, 2, 6], Sample(1, 100, 1, 0.05, 0.2));
        Assert.Equal(2, rows[0].Value);
        Assert.True(rows[0].GoalMet);
        Assert.Equal(6, rows.Last().Value);
        Assert.False(GpuQueueFigure.Rows([5.5], Sample(1, 100, 1, 0.05, 0.2))[0].GoalMet);
    }

    [Fact]
    public void Closed_loop_percentiles_and_medians_are_nearest_rank_and_midpoint()
    {
        Assert.Equal(3, LoadSample.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(4, LoadSample.Percentile([1, 2, 3, 4], 0.99));
        Assert.True(double.IsNaN(LoadSample.Percentile([], 0.5)));
        Assert.Equal(2.5, LoadSample.Median([4, 1, 3, 2]));
        Assert.Equal(250, Sample(1, 500, 2, 0, 0).PerSecond);
    }

    [Fact]
    public async Task A_closed_loop_runs_every_worker_and_counts_each_answer_and_error()
    {
        var calls = new int[3];
        var prepared = 0;
        var sample = await ClosedLoop.RunAsync(3, TimeSpan.FromMilliseconds(200), async i =>
        {
            await Task.Delay(5);
            return Interlocked.Increment(ref calls[i]) % 2 == 0;
        }, _ =>
        {
            Interlocked.Increment(ref prepared);
            return Task.CompletedTask;
        });
        Assert.All(calls, c => Assert.True(c >= 1));
        Assert.Equal(calls.Sum(), sample.Operations);
        Assert.Equal(sample.Operations, prepared);
        // Calls 1, 3, 5, ... of each worker answered false.
        Assert.Equal(calls.Sum(c => (c + 1) / 2), sample.Errors);
        Assert.True(sample.Elapsed >= TimeSpan.FromMilliseconds(200));
        Assert.True(sample.P50Ms >= 4);
    }

    [Fact]
    public async Task A_closed_loop_counts_the_cpu_its_operations_burn()
    {
        var sample = await ClosedLoop.RunAsync(1, TimeSpan.FromMilliseconds(300), _ =>
        {
            // Busy for 20 ms of wall clock: whatever share of a core the machine gives it, the process's CPU grows.
            var spin = System.Diagnostics.Stopwatch.StartNew();
            while (spin.ElapsedMilliseconds < 20) Thread.SpinWait(100);
            return Task.FromResult(true);
        }, warmup: TimeSpan.FromMilliseconds(50));
        Assert.True(sample.Cpu > TimeSpan.Zero, $"{sample}");
        Assert.True(sample.CpuPerOperationUs > 0 && sample.CoresBusy > 0, $"{sample}");
    }

    [Fact]
    public async Task A_closed_loop_leaves_its_warmup_uncounted()
    {
        var calls = 0;
        var warmup = TimeSpan.FromMilliseconds(300);
        var outside = System.Diagnostics.Stopwatch.StartNew();
        var sample = await ClosedLoop.RunAsync(2, TimeSpan.FromMilliseconds(200), async _ =>
        {
            await Task.Delay(5);
            Interlocked.Increment(ref calls);
            return true;
        }, warmup: warmup);
        outside.Stop();

        // Each worker's first operation starts inside the warmup and is not counted.
        Assert.InRange(sample.Operations, 2, calls - 2);
        Assert.True(sample.Elapsed >= TimeSpan.FromMilliseconds(200));
        Assert.True(sample.Elapsed <= outside.Elapsed - warmup, $"{sample.Elapsed} of {outside.Elapsed} counts the warmup");
    }
}

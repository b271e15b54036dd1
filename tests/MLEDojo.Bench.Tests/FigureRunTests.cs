using MLEDojo.BenchSuite;
using MLEDojo.BenchSuite.Figures;

namespace MLEDojo.Bench.Tests;

/// <summary>
/// Every figure of the suite, run for real at a tiny size through the runner: it must run (no error) and give the
/// rows the table expects, with each goal flag agreeing with the values. Timings themselves are never asserted.
/// </summary>
public sealed class FigureRunTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    /// <summary>This build's dojo, copied beside the tests, as dojo bench's own child processes use it.</summary>
    private static readonly DojoCommand Dojo = new("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll")]);

    private static async Task<FigureResult> RunAsync(IBenchFigure figure)
    {
        var log = new StringWriter();
        var report = await new BenchRunner(log, Dojo).RunAsync([figure], quick: true, "test", CancellationToken.None);
        var result = Assert.Single(report.Figures);
        Assert.True(result.Error is null, $"figure {figure.Number} did not run: {result.Error}\n{log}");
        Assert.Equal(figure.Number, result.Number);
        Assert.All(result.Rows, row => Assert.True(double.IsFinite(row.Value) && row.Value >= 0 || row.Measure.Contains("added"), $"{row.Measure}: {row.Value}"));
        Assert.All(result.Rows, row => Assert.Equal(row.Goal is null, row.GoalMet is null));
        return result;
    }

    [Fact]
    public async Task Figure_1_client_steps_beside_pings_the_storage_and_the_step_shaped_echo()
    {
        var result = await RunAsync(new ClientThroughputFigure(new([1, 64], Short)));
        Assert.Equal(19, result.Rows.Count);
        foreach (var row in result.Rows.Where(r => r.Measure.StartsWith("request_info steps/s", StringComparison.Ordinal) && r.Goal is not null))
        {
            Assert.True(row.Value > 0 && row.LimitValue > 0);
            Assert.Equal(row.Ratio >= ClientThroughputFigure.ThroughputGoalRatio, row.GoalMet);
        }
        var p99 = Assert.Single(result.Rows, r => r.Measure == "step latency p99, 64 episodes");
        Assert.Equal(p99.Value < ClientThroughputFigure.LatencyGoalMs, p99.GoalMet);
        Assert.Null(Assert.Single(result.Rows, r => r.Measure == "step latency p99, 1 episodes").GoalMet);
        var storage = result.Rows.Where(r => r.Limit?.StartsWith("episode journal appends/s alone", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["request_info steps/s, 1 episodes, against the journal", "request_info steps/s, 64 episodes, against the journal"],
            storage.Select(r => r.Measure));
        // The append-only log (the floor under any persisted step) beside the pings of the same concurrency.
        var floors = result.Rows.Where(r => r.Measure.StartsWith("durable append-only log appends/s", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, floors.Count);
        Assert.All(floors, r => Assert.True(r.Value > 0 && r.LimitValue > 0 && r.Limit?.StartsWith("raw grain pings/s", StringComparison.Ordinal) == true));
        var pings = result.Rows.Where(r => r.Goal is not null && r.Unit == "steps/s").ToDictionary(r => r.Measure, r => r.LimitValue);
        Assert.Equal(pings["request_info steps/s, 64 episodes"], floors[1].LimitValue);
        // Step-shaped calls from memory and steps without persistence, each beside the pings of its concurrency.
        var echoes = result.Rows.Where(r => r.Measure.StartsWith("step-shaped calls/s answered from memory", StringComparison.Ordinal)).ToList();
        var unpersisted = result.Rows.Where(r => r.Measure.Contains("journal in memory (not persisted", StringComparison.Ordinal)).ToList();
        Assert.Equal(["step-shaped calls/s answered from memory, 1 callers", "step-shaped calls/s answered from memory, 64 callers"], echoes.Select(r => r.Measure));
        Assert.Equal(2, unpersisted.Count);
        Assert.All(echoes.Concat(unpersisted), r => Assert.True(r.Value > 0));
        Assert.Equal([pings["request_info steps/s, 1 episodes"], pings["request_info steps/s, 64 episodes"]], echoes.Select(r => r.LimitValue));
        Assert.Equal([pings["request_info steps/s, 1 episodes"], pings["request_info steps/s, 64 episodes"]], unpersisted.Select(r => r.LimitValue));
        // At the goal's concurrency, what each operation costs in CPU beside a ping's, every one against the same pings.
        var cpu = result.Rows.Where(r => r.Measure.StartsWith("process CPU per ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["request_info step", "step-shaped call answered from memory", "episode journal append (journal alone)", "durable append-only log append",
            "request_info step, journal in memory"], cpu.Select(r => r.Measure["process CPU per ".Length..r.Measure.IndexOf(", 64 concurrent", StringComparison.Ordinal)]));
        Assert.All(cpu, r => Assert.True(r.Unit == "µs" && r.Value > 0 && r.LimitValue > 0, $"{r.Measure}: {r.Value} against {r.LimitValue}"));
        Assert.Single(cpu.Select(r => r.LimitValue).Distinct());
    }

    [Fact]
    public async Task Figure_2_websocket_steps_beside_the_gateways_own_round_trip()
    {
        var result = await RunAsync(new GatewayThroughputFigure(new([1, 3], Short)));
        Assert.Equal(6, result.Rows.Count);
        // The goal reads on the concurrency with the most steps/s.
        var goal = Assert.Single(result.Rows, r => r.Goal is not null);
        var throughputs = result.Rows.Where(r => r.Measure.StartsWith("WS request_info steps/s", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, throughputs.Count);
        Assert.Equal(throughputs.MaxBy(r => r.Value)!.Measure, goal.Measure);
        Assert.Equal(goal.Value >= GatewayThroughputFigure.GoalStepsPerSecond, goal.GoalMet);
        Assert.All(result.Rows, r => Assert.True(r.LimitValue > 0));
    }

    [Fact]
    public async Task Figure_3_execute_code_beside_a_bare_python()
    {
        var result = await RunAsync(new SandboxOverheadFigure(new(2)));
        Assert.Equal(3, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.True(r.LimitValue > 0));
        var added = Assert.Single(result.Rows, r => r.Goal is not null);
        Assert.Equal(added.Value <= SandboxOverheadFigure.GoalAddedMs, added.GoalMet);
        Assert.Contains("isolation:", result.Note);
    }

    [Fact]
    public async Task Figure_4_scoring_beside_pandas_and_scikit_learn()
    {
        var result = await RunAsync(new ScoringFigure(new(2_000, 1, 1)));
        Assert.Equal(4, result.Rows.Count);
        foreach (var row in result.Rows.Where(r => r.Goal is not null))
            Assert.Equal(row.LimitValue / row.Value >= ScoringFigure.GoalSpeedUp, row.GoalMet);
        Assert.Equal(2, result.Rows.Count(r => r.Goal is not null));
    }

    [Fact]
    public async Task Figure_7_gpu_queue_gaps_beside_a_grain_call()
    {
        var result = await RunAsync(new GpuQueueFigure(new(30, Short)));
        Assert.Equal(3, result.Rows.Count);
        Assert.True(result.Rows[0].Value <= result.Rows[1].Value && result.Rows[1].Value <= result.Rows[2].Value);
        Assert.Equal(result.Rows[0].Value <= GpuQueueFigure.GoalGapMs, result.Rows[0].GoalMet);
    }

    [Fact]
    public async Task Figure_8_dataselect_on_the_grid_beside_the_plain_library()
    {
        var result = await RunAsync(new DataSelectThroughputFigure(new(8, TimeSpan.FromMilliseconds(500))));
        Assert.Equal(4, result.Rows.Count);
        Assert.True(result.Rows[0].Value > 0 && result.Rows[0].LimitValue > 0);
        Assert.Contains("episode journal appends/s alone", result.Rows[^1].Limit);
        Assert.Equal(result.Rows[0].Value, result.Rows[^1].Value);
    }
}

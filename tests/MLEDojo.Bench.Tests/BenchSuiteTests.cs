using System.Text.Json;
using MLEDojo.BenchSuite;

namespace MLEDojo.Bench.Tests;

public sealed class BenchSuiteTests
{
    private sealed class FakeFigure(int number, Func<BenchContext, FigureResult> run) : IBenchFigure
    {
        public int Number => number;
        public string Title => $"figure {number}";
        public string? SeenWorkDirectory { get; private set; }

        public Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
        {
            SeenWorkDirectory = context.WorkDirectory;
            Assert.True(Directory.Exists(context.WorkDirectory));
            return Task.FromResult(run(context));
        }
    }

    private static readonly DojoCommand NoDojo = new("dojo", []);

    [Fact]
    public void The_suite_lists_figures_1_2_3_4_7_8_in_order_with_unique_numbers()
    {
        var numbers = BenchFigures.All().Select(f => f.Number).ToArray();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Distinct().Count(), numbers.Length);
        Assert.Subset(numbers.ToHashSet(), new HashSet<int> { 1, 2, 3, 4, 7, 8 });
    }

    [Fact]
    public void Only_selects_the_named_figures_in_suite_order_and_refuses_unknown_ones()
    {
        var figures = BenchFigures.All();
        Assert.Same(figures, BenchFigures.Select(figures, null));
        Assert.Same(figures, BenchFigures.Select(figures, "  "));
        Assert.Equal([3, 7], BenchFigures.Select(figures, "7, 3").Select(f => f.Number));
        Assert.Equal([1], BenchFigures.Select(figures, "1,1").Select(f => f.Number));

        var unknown = Assert.Throws<ArgumentException>(() => BenchFigures.Select(figures, "1,99"));
        Assert.Contains("no figure '99'", unknown.Message);
        Assert.Contains("1, 2, 3, 4", unknown.Message);
        Assert.Throws<ArgumentException>(() => BenchFigures.Select(figures, "one"));
        Assert.Throws<ArgumentException>(() => BenchFigures.Select(figures, "-1"));
        Assert.Throws<ArgumentException>(() => BenchFigures.Select(figures, ","));
    }

    [Fact]
    public async Task The_runner_reports_a_failing_figure_and_still_runs_the_others_each_in_its_own_removed_folder()
    {
        var good = new FakeFigure(1, _ => new FigureResult(1, "figure 1", [new FigureRow("x", 2, "s", "y", 4, "s", "≤ 1", false)], TimeSpan.Zero));
        var bad = new FakeFigure(2, _ => throw new InvalidOperationException("no python here"));
        var log = new StringWriter();
        var report = await new BenchRunner(log, NoDojo).RunAsync([bad, good], quick: true, "dojo bench --quick", CancellationToken.None);

        Assert.True(report.Quick);
        Assert.Equal([2, 1], report.Figures.Select(f => f.Number));
        Assert.Equal("InvalidOperationException: no python here", report.Figures[0].Error);
        Assert.Empty(report.Figures[0].Rows);
        Assert.Null(report.Figures[1].Error);
        Assert.True(report.Figures[1].Elapsed > TimeSpan.Zero);
        Assert.NotEqual(good.SeenWorkDirectory, bad.SeenWorkDirectory);
        Assert.False(Directory.Exists(good.SeenWorkDirectory));
        Assert.False(Directory.Exists(bad.SeenWorkDirectory));
        Assert.Contains("no python here", log.ToString());
        Assert.True(report.AnyFigureFailed);
    }

    [Fact]
    public void The_report_prints_value_limit_ratio_and_goal_and_writes_snake_case_json()
    {
        var report = new BenchReport(DateTimeOffset.Parse("2026-12-05T00:00:00Z"), TimeSpan.FromSeconds(12), true, "dojo bench --quick",
            new MachineFacts("Linux", ".NET 10", 2, "cpu", 1L << 30, 1.5),
            [
                new FigureResult(1, "one", [
                    new FigureRow("steps/s", 60, "steps/s", "pings/s", 100, "pings/s", "≥ 50% of ping", true),
                    new FigureRow("p99", 12, "ms", Goal: "< 10 ms", GoalMet: false),
                ], TimeSpan.FromSeconds(3), Note: "a note"),
                new FigureResult(2, "two", [], TimeSpan.FromSeconds(1), Error: "boom | bang"),
            ]);

        var markdown = report.ToMarkdown();
        Assert.Contains("| 1 | steps/s | 60 steps/s | 100 pings/s (pings/s) | 0.6 | ≥ 50% of ping | yes |", markdown);
        Assert.Contains("| 1 | p99 | 12 ms |  |  | < 10 ms | **no** |", markdown);
        Assert.Contains("| 1 | note: a note |", markdown);
        Assert.Contains("**did not run**: boom \\| bang", markdown);
        Assert.Contains("load average at start 1.5", markdown);

        using var json = JsonDocument.Parse(report.ToJson());
        var first = json.RootElement.GetProperty("figures")[0].GetProperty("rows")[0];
        Assert.Equal(0.6, first.GetProperty("ratio").GetDouble(), 6);
        Assert.True(first.GetProperty("goal_met").GetBoolean());
        Assert.Equal("boom | bang", json.RootElement.GetProperty("figures")[1].GetProperty("error").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("machine").GetProperty("processor_count").GetInt32());
    }

    [Fact]
    public void A_row_without_a_limit_or_with_a_zero_limit_has_no_ratio()
    {
        Assert.Null(new FigureRow("x", 1, "s").Ratio);
        Assert.Null(new FigureRow("x", 1, "s", "y", 0, "s").Ratio);
        Assert.Equal(0.25, new FigureRow("x", 1, "s", "y", 4, "s").Ratio);
    }
}

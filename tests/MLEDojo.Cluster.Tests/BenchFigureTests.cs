using MLEDojo.BenchSuite;
using MLEDojo.BenchSuite.Figures;
using Xunit.Abstractions;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// Figures 5 and 6 of <c>dojo bench</c> at tiny sizes, so they keep working between benchmark runs: their rows must
/// be measured (finite, positive, a goal verdict), never their speed (timings are not gated).
/// </summary>
public sealed class BenchFigureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Figure_5_measures_memory_and_reactivation_of_idle_episodes()
    {
        var result = await RunAsync(new IdleEpisodesFigure(episodes: 40, sampled: 6));

        Assert.Null(result.Error);
        Assert.Equal(4, result.Rows.Count);
        // Memory of 40 episodes is within the process's noise (it may even read negative); only its presence is checked.
        Assert.All(result.Rows, row => Assert.True(double.IsFinite(row.Value) && row.LimitValue is { } limit && double.IsFinite(limit), $"{row.Measure}: {row.Value} / {row.LimitValue}"));
        Assert.All(result.Rows.Skip(2), row => Assert.True(row.Value > 0 && row.LimitValue > 0, $"{row.Measure}: {row.Value} / {row.LimitValue}"));
        Assert.NotNull(result.Rows[0].GoalMet);
        Assert.NotNull(result.Rows[2].GoalMet);
        Assert.Contains("40 of 40 episodes opened", result.Note);
        Assert.Contains("6 episodes one at a time", result.Rows[2].Measure);
    }

    [Fact]
    public async Task Figure_6_kills_a_silo_of_a_real_cluster_and_times_its_episodes_recovery()
    {
        var result = await RunAsync(new SiloRecoveryFigure(episodes: 6));

        Assert.Null(result.Error);
        Assert.Equal(2, result.Rows.Count);
        Assert.All(result.Rows, row => Assert.True(double.IsFinite(row.Value) && row.Value > 0 && row.LimitValue == 3, $"{row.Measure}: {row.Value} / {row.LimitValue}"));
        Assert.NotNull(result.Rows[0].GoalMet);
        Assert.Matches(@"\(\d of 6\)", result.Rows[0].Measure);
        Assert.Contains("kill -9 of silo", result.Note);
    }

    private async Task<FigureResult> RunAsync(IBenchFigure figure)
    {
        var scratch = Directory.CreateTempSubdirectory("bench-figure-test-");
        try
        {
            var log = new StringWriter();
            var dojo = new DojoCommand("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll")]);
            var result = await figure.RunAsync(new BenchContext(Quick: true, scratch.FullName, dojo, log), CancellationToken.None);
            output.WriteLine(log.ToString());
            output.WriteLine(new BenchReport(DateTimeOffset.UtcNow, TimeSpan.Zero, true, "test", MachineFacts.Capture(), [result]).ToMarkdown());
            return result;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}

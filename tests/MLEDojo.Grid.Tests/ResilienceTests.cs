using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;
using Orleans.Runtime;

namespace MLEDojo.Grid.Tests;

[Collection(ResilienceGridCollection.Name)]
public sealed class ResilienceTests(ResilienceGridCluster grid)
{
    private static EpisodeOptions Options => new() { Competition = "home-data-for-ml-course", MaxSteps = 20 };

    [Fact]
    public async Task A_step_after_its_silo_is_killed_runs_elsewhere_with_every_completed_step_intact()
    {
        var management = grid.Client.GetGrain<IManagementGrain>(0);
        var (episode, host) = await grid.OnKillableSiloAsync(async attempt =>
        {
            var candidate = grid.Client.GetGrain<IEpisodeGrain>($"kill-{attempt}-{Guid.NewGuid():N}");
            await candidate.Reset(Options);
            return candidate;
        });

        var info = await episode.Step(EpisodeAction.RequestInfo("name"), "s1");
        var executed = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2");

        await grid.Cluster.KillSiloAsync(grid.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var next = await episode.Step(EpisodeAction.ExecuteCode("#copy 3_true_answers.csv"), "s3");
        Assert.Null(next.Error);
        Assert.Equal(3, next.StepsTaken);
        Assert.NotEqual(host, await management.GetActivationAddress(episode));
        Assert.Equal(0.0, next.Observation.BestRawScore);

        var history = await episode.GetHistory();
        Assert.Equal(["s1", "s2", "s3"], history.Select(h => h.RequestId));
        Assert.Equal(info.Observation.Info!["name"], history[0].Result.Observation.Info!["name"]);
        Assert.Equal(executed.Observation.CurrentRawScore, history[1].Result.Observation.CurrentRawScore);
        // The recorded step answers a retry from storage, on the new silo.
        Assert.Equal(executed.Observation.CurrentRawScore, (await episode.Step(EpisodeAction.ExecuteCode("ignored"), "s2")).Observation.CurrentRawScore);
    }

    [Fact]
    public async Task An_execution_longer_than_the_global_response_timeout_completes()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("long-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options);
        var step = await episode.Step(EpisodeAction.ExecuteCode("#sleep 4000\n#copy 3_true_answers.csv"));
        Assert.Null(step.Error);
        Assert.True(step.Observation.Execution!.Duration >= TimeSpan.FromSeconds(3.9), $"ran {step.Observation.Execution.Duration}");
        Assert.Equal(0.0, step.Observation.CurrentRawScore);
    }
}

using MLEDojo.Abstractions;
using MLEDojo.DataSelect;
using MLEDojo.Grid.Tests.Infrastructure;
using Orleans.Runtime;

namespace MLEDojo.Grid.Tests;

[Collection(ResilienceGridCollection.Name)]
public sealed class DataSelectResilienceTests(ResilienceGridCluster grid)
{
    [Fact]
    public async Task A_data_select_episode_survives_its_silo_and_continues_exactly()
    {
        var management = grid.Client.GetGrain<IManagementGrain>(0);
        var (episode, host) = await grid.EpisodeOffPrimaryAsync("ds-kill", e => e.Reset(EpisodeOptions.DataSelect("medium", 23)));
        var expected = DataSelectEnvironment.Reset(DataSelectTask.Medium, 23);

        var before = await episode.Step(EpisodeAction.SelectBatch(10, 0.4, 0.4, 0.2), "s1");
        Assert.Equal(expected.Step(DataSelectAction.Select(10, 0.4, 0.4, 0.2)).Reward, before.Reward);

        await grid.Cluster.KillSiloAsync(grid.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // The environment is rebuilt from storage on another silo, random state and model included.
        var after = await episode.Step(EpisodeAction.SelectBatch(20, 0.2, 0.3, 0.5), "s2");
        Assert.NotEqual(host, await management.GetActivationAddress(episode));
        var direct = expected.Step(DataSelectAction.Select(20, 0.2, 0.3, 0.5));
        Assert.Equal(direct.Reward, after.Reward);
        Assert.Equal(direct.Observation.CurrentPerformance, after.Observation.DataSelect!.CurrentPerformance);
        Assert.Equal(before.Reward, (await episode.Step(EpisodeAction.Stop(), "s1")).Reward);
    }
}

using System.Text.Json;
using MLEDojo.Abstractions;
using MLEDojo.DataSelect;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Grid.Tests;

/// <summary>
/// An episode's steps live in the step journal, its checkpoint in grain storage. A fresh activation (after
/// deactivation, which writes nothing: for storage it is the same as a crash after the last append) must rebuild
/// exactly what the old one had: history, bests, rewards, request-id answers, expiry deadline, status, DataSelect.
/// </summary>
[Collection(SharedGridCollection.Name)]
public sealed class EpisodeReplayTests(SharedGridCluster grid)
{
    private static EpisodeOptions Options(int maxSteps = 20) => new() { Competition = "spaceship-titanic", MaxSteps = maxSteps };

    [Fact]
    public async Task A_fresh_activation_has_the_same_history_bests_and_recorded_answers()
    {
        var id = "replay-" + Guid.NewGuid().ToString("N");
        var episode = grid.Client.GetGrain<IEpisodeGrain>(id);
        await episode.Reset(Options(), "reset");
        await episode.Step(EpisodeAction.RequestInfo("name"), "s1");
        var best = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2");
        await episode.Step(EpisodeAction.ValidateCode("print(1)"), "s3");
        await episode.Step(EpisodeAction.ExecuteCode("#fail ValueError"), "s4");
        await episode.Step(EpisodeAction.GetHistory(), "s5");
        Assert.NotNull(best.Observation.BestRawScore);
        var snapshot = Json(await episode.GetSnapshot());
        var history = Json(await episode.GetHistory());
        var answer = Json(await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2"));
        var runs = grid.Runner.RunsIn(id).Count;

        await ReactivateAsync(episode);

        Assert.Equal(snapshot, Json(await episode.GetSnapshot()));
        Assert.Equal(history, Json(await episode.GetHistory()));
        Assert.Equal(answer, Json(await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2")));
        Assert.Equal(runs, grid.Runner.RunsIn(id).Count);
        var next = await episode.Step(EpisodeAction.RequestInfo("name"), "s6");
        Assert.Equal(6, next.StepsTaken);
        Assert.Equal(best.Observation.BestRawScore, next.Observation.BestRawScore);
        Assert.Equal(["s1", "s2", "s3", "s4", "s5", "s6"], (await episode.GetHistory()).Select(h => h.RequestId));
    }

    [Fact]
    public async Task A_close_after_steps_outlives_the_last_steps_record()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("replay-close-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options());
        await episode.Step(EpisodeAction.RequestInfo("name"), "s1");
        await episode.Close();

        await ReactivateAsync(episode);

        var snapshot = await episode.GetSnapshot();
        Assert.Equal(EpisodeStatus.Closed, snapshot.Status);
        Assert.Equal(1, snapshot.StepsTaken);
        Assert.Contains("closed", (await episode.Step(EpisodeAction.RequestInfo("name"), "s2")).Error);
    }

    [Fact]
    public async Task A_done_episode_stays_done_and_its_expiry_deadline_is_the_last_steps()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("replay-done-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options(maxSteps: 3));
        var reset = await episode.GetSnapshot();
        await episode.Step(EpisodeAction.RequestInfo("name"), "s1");
        await Task.Delay(20);
        await episode.Step(EpisodeAction.RequestInfo("name"), "s2");
        var running = await episode.GetSnapshot();
        Assert.True(running.ExpiresAt > reset.ExpiresAt);

        await ReactivateAsync(episode);
        Assert.Equal(running.ExpiresAt, (await episode.GetSnapshot()).ExpiresAt);

        Assert.True((await episode.Step(EpisodeAction.RequestInfo("name"), "s3")).Done);
        await ReactivateAsync(episode);
        Assert.Equal(EpisodeStatus.Done, (await episode.GetSnapshot()).Status);
        Assert.Contains("done", (await episode.Step(EpisodeAction.RequestInfo("name"), "s4")).Error);
    }

    [Fact]
    public async Task A_reset_starts_a_fresh_history_that_replays_alone()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("replay-epoch-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options(), "r1");
        await episode.Step(EpisodeAction.RequestInfo("name"), "a1");
        await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "a2");
        await episode.Reset(Options(), "r2");
        await episode.Step(EpisodeAction.RequestInfo("name"), "b1");

        await ReactivateAsync(episode);

        Assert.Equal(["b1"], (await episode.GetHistory()).Select(h => h.RequestId));
        var snapshot = await episode.GetSnapshot();
        Assert.Equal(1, snapshot.StepsTaken);
        Assert.Null(snapshot.BestRawScore);
        // A request id of the earlier reset is a new step now, not a recorded answer.
        Assert.Equal(2, (await episode.Step(EpisodeAction.RequestInfo("name"), "a1")).StepsTaken);
    }

    [Fact]
    public async Task A_data_select_episode_continues_exactly_on_a_fresh_activation()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("replay-ds-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(EpisodeOptions.DataSelect("medium", 31));
        var expected = DataSelectEnvironment.Reset(DataSelectTask.Medium, 31);
        await episode.Step(EpisodeAction.SelectBatch(10, 0.4, 0.4, 0.2), "s1");
        await episode.Step(EpisodeAction.SelectBatch(15, 0.1, 0.6, 0.3), "s2");
        expected.Step(DataSelectAction.Select(10, 0.4, 0.4, 0.2));
        expected.Step(DataSelectAction.Select(15, 0.1, 0.6, 0.3));
        var snapshot = Json(await episode.GetSnapshot());
        var history = Json(await episode.GetHistory());

        await ReactivateAsync(episode);

        Assert.Equal(snapshot, Json(await episode.GetSnapshot()));
        Assert.Equal(history, Json(await episode.GetHistory()));
        var after = await episode.Step(EpisodeAction.SelectBatch(20, 0.2, 0.3, 0.5), "s3");
        var direct = expected.Step(DataSelectAction.Select(20, 0.2, 0.3, 0.5));
        Assert.Equal(direct.Reward, after.Reward);
        Assert.Equal(direct.Observation.CurrentPerformance, after.Observation.DataSelect!.CurrentPerformance);
        Assert.Equal(3, after.StepsTaken);
    }

    private async Task ReactivateAsync(IEpisodeGrain episode)
    {
        await grid.Cluster.DeactivateAsync(episode);
        await grid.Cluster.WaitForDeactivationAsync(episode);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}

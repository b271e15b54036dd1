using MLEDojo.Abstractions;
using MLEDojo.Client;
using MLEDojo.DataSelect;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Grid.Tests;

[Collection(SharedGridCollection.Name)]
public sealed class DataSelectEpisodeTests(SharedGridCluster grid)
{
    private static readonly EpisodeAction[] Plan =
    [
        EpisodeAction.SelectBatch(10, 0.4, 0.4, 0.2),
        EpisodeAction.SelectBatch(25, 0, 0, 1),
        EpisodeAction.SelectBatch(0, 1, 0, 0),
        EpisodeAction.SelectBatch(12, 0.1, 0.8, 0.1),
    ];

    private DojoClient Client => new(grid.Client);

    private async Task<List<StepResult>> PlayAsync(string taskId, int seed, int steps = 6)
    {
        var episode = await Client.StartDataSelectEpisodeAsync(taskId, seed, episodeId: $"ds-{taskId}-{seed}-{Guid.NewGuid():N}");
        var trajectory = new List<StepResult> { episode.Last! };
        for (var i = 0; i < steps && !episode.Done; i++) trajectory.Add(await episode.StepAsync(Plan[i % Plan.Length]));
        return trajectory;
    }

    private static IEnumerable<(DataSelectView?, double, bool)> Outcomes(IEnumerable<StepResult> trajectory) =>
        trajectory.Select(s => (s.Observation.DataSelect, s.Reward, s.Done));

    [Fact]
    public async Task Same_seed_gives_the_same_trajectory_and_the_library_agrees()
    {
        var first = await PlayAsync("medium", 17);
        var second = await PlayAsync("medium", 17);
        Assert.Equal(Outcomes(first), Outcomes(second));

        var direct = DataSelectEnvironment.Reset(DataSelectTask.Medium, 17);
        Assert.Equal(direct.Observation.CurrentPerformance, first[0].Observation.DataSelect!.CurrentPerformance);
        for (var i = 1; i < first.Count; i++)
        {
            var a = Plan[(i - 1) % Plan.Length];
            var step = direct.Step(DataSelectAction.Select(a.BatchSize, a.Weights!.Uncertainty, a.Weights.Diversity, a.Weights.Random));
            Assert.Equal(step.Reward, first[i].Reward);
            Assert.Equal(step.Observation.RemainingBudget, first[i].Observation.DataSelect!.RemainingBudget);
        }
    }

    [Fact]
    public async Task Concurrent_episodes_do_not_disturb_each_other()
    {
        var alone = await PlayAsync("hard", 5);
        var together = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => PlayAsync("hard", i % 2 == 0 ? 5 : 100 + i)));
        for (var i = 0; i < together.Length; i += 2) Assert.Equal(Outcomes(alone), Outcomes(together[i]));
    }

    [Fact]
    public async Task Bad_actions_get_a_clear_error_and_change_nothing()
    {
        var episode = await Client.StartDataSelectEpisodeAsync("easy", 3);
        var cases = new (EpisodeAction Action, string Message)[]
        {
            (EpisodeAction.SelectBatch(-4, 1, 0, 0), "batch_size must be >= 0"),
            (EpisodeAction.SelectBatch(10, 0, 0, 0), "must not all be 0"),
            (EpisodeAction.SelectBatch(10, double.PositiveInfinity, 0, 0), "strategy_weights.uncertainty"),
            (new EpisodeAction { Type = ActionType.SelectBatch, BatchSize = 10 }, "needs strategy_weights"),
            (EpisodeAction.ExecuteCode("print(1)"), "execute_code is not a data-select action"),
            (EpisodeAction.RequestInfo("overview"), "request_info is not a data-select action"),
        };
        foreach (var (action, message) in cases)
        {
            var refused = await episode.StepAsync(action);
            Assert.Contains(message, refused.Error);
            Assert.Equal(Observation.Failed, refused.Observation.ActionStatus);
            Assert.Equal(300, refused.Observation.DataSelect!.RemainingBudget);
        }
        Assert.Equal(0, (await episode.SnapshotAsync()).StepsTaken);
        Assert.Null((await episode.SelectBatchAsync(10, 1, 1, 1)).Error);

        var unknownTask = await grid.Client.GetGrain<IEpisodeGrain>("ds-bad-" + Guid.NewGuid().ToString("N")).Reset(EpisodeOptions.DataSelect("impossible"));
        Assert.Contains("TaskId must be one of easy, medium, hard", unknownTask.Error);

        var competition = await Client.StartEpisodeAsync(new EpisodeOptions { Competition = "spaceship-titanic" });
        Assert.Contains("select_batch is a data-select action", (await competition.SelectBatchAsync(10, 1, 0, 0)).Error);
    }

    [Fact]
    public async Task A_retried_request_id_is_answered_from_the_record()
    {
        var episode = await Client.StartDataSelectEpisodeAsync("easy", 8);
        var first = await episode.StepAsync(Plan[0], "r-1");
        var retried = await episode.StepAsync(Plan[1], "r-1");
        Assert.Equal(first.Reward, retried.Reward);
        Assert.Equal(first.Observation.DataSelect, retried.Observation.DataSelect);
        Assert.Equal(1, (await episode.SnapshotAsync()).StepsTaken);
    }

    [Fact]
    public async Task Stop_with_batch_size_zero_ends_the_episode_and_it_can_be_graded()
    {
        var episode = await Client.StartDataSelectEpisodeAsync("hard", 42);
        await episode.SelectBatchAsync(10, 0.4, 0.4, 0.2);
        var stop = await episode.StopAsync();
        Assert.True(stop.Done);
        Assert.Equal("stop", stop.Observation.DataSelect!.Reason);
        Assert.Contains("done", (await episode.SelectBatchAsync(10, 1, 0, 0)).Error);
        var grade = await episode.GradeAsync();
        Assert.NotNull(grade);
        Assert.True(grade.EpisodeDone);
        Assert.Equal("hard", grade.TaskId);
        Assert.Equal(10, grade.Breakdown["budget_used"]);
        Assert.InRange(grade.Score, 0, 1);
    }
}

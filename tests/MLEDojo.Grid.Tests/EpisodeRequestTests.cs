using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Grid.Tests;

[Collection(SharedGridCollection.Name)]
public sealed class EpisodeRequestTests(SharedGridCluster grid)
{
    private static EpisodeOptions Options(int maxSteps = 20) => new() { Competition = "spaceship-titanic", MaxSteps = maxSteps };

    [Fact]
    public async Task A_retried_request_id_returns_the_recorded_result_without_running_again()
    {
        var id = "retry-" + Guid.NewGuid().ToString("N");
        var episode = grid.Client.GetGrain<IEpisodeGrain>(id);
        await episode.Reset(Options(), "reset-1");
        var created = (await episode.GetSnapshot()).CreatedAt;
        Assert.Equal("reset-1", (await episode.Reset(Options(), "reset-1")).RequestId);
        Assert.Equal(created, (await episode.GetSnapshot()).CreatedAt);

        var first = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "exec-1");
        var retried = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "exec-1");

        Assert.Single(grid.Runner.RunsIn(id));
        Assert.Equal("exec-1", retried.RequestId);
        Assert.Equal(first.StepsTaken, retried.StepsTaken);
        Assert.Equal(first.Observation.CurrentRawScore, retried.Observation.CurrentRawScore);
        Assert.Equal(1, (await episode.GetSnapshot()).StepsTaken);

        var assigned = await episode.Step(EpisodeAction.RequestInfo("name"));
        Assert.False(string.IsNullOrEmpty(assigned.RequestId));
        Assert.Equal(2, assigned.StepsTaken);
        // The id the grid gave answers a retry like one the caller chose.
        var retriedAssigned = await episode.Step(EpisodeAction.RequestInfo("name"), assigned.RequestId);
        Assert.Equal(2, retriedAssigned.StepsTaken);
        Assert.Equal(2, (await episode.GetSnapshot()).StepsTaken);
    }

    [Fact]
    public async Task A_retried_get_history_answers_the_history_as_it_was_at_its_step()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("retry-history-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options());
        await episode.Step(EpisodeAction.RequestInfo("name"), "h1");
        await episode.Step(EpisodeAction.ValidateCode("print(1)"), "h2");
        var first = await episode.Step(EpisodeAction.GetHistory(), "h3");
        await episode.Step(EpisodeAction.RequestInfo("data_path"), "h4");

        var retried = await episode.Step(EpisodeAction.GetHistory(), "h3");

        Assert.Equal(["h1", "h2"], first.Observation.History!.Select(h => h.RequestId));
        Assert.Equal(["h1", "h2"], retried.Observation.History!.Select(h => h.RequestId));
        Assert.Equal(first.Observation.History!.Select(h => h.Result.Observation.Feedback), retried.Observation.History!.Select(h => h.Result.Observation.Feedback));
        Assert.Equal(3, retried.StepsTaken);
        Assert.Equal(["h1", "h2", "h3", "h4"], (await episode.GetHistory()).Select(h => h.RequestId));
        Assert.Equal("Total Actions: 4, Last Action: request_info", (await episode.Step(EpisodeAction.RequestInfo("bogus"))).Observation.HistorySummary);
    }

    [Fact]
    public void Generated_request_ids_are_distinct_across_threads_and_shaped_like_a_guid()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, _ => { for (var i = 0; i < 10_000; i++) ids.Add(RequestIds.New()); });

        Assert.Equal(80_000, ids.Distinct().Count());
        Assert.All(ids.Take(100), id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public async Task Malformed_actions_answer_a_clear_error_and_the_episode_goes_on()
    {
        var id = "malformed-" + Guid.NewGuid().ToString("N");
        var episode = grid.Client.GetGrain<IEpisodeGrain>(id);

        var beforeReset = await episode.Step(EpisodeAction.RequestInfo("name"));
        Assert.Contains("reset", beforeReset.Error, StringComparison.OrdinalIgnoreCase);

        await episode.Reset(Options());
        var noCode = await episode.Step(EpisodeAction.ExecuteCode(""));
        Assert.Equal(Observation.Failed, noCode.Observation.ActionStatus);
        Assert.Contains("needs code", noCode.Error);
        var noInfoType = await episode.Step(new EpisodeAction { Type = ActionType.RequestInfo });
        Assert.Contains("needs an info type", noInfoType.Error);
        var unknownInfo = await episode.Step(EpisodeAction.RequestInfo("answers"));
        Assert.Contains("Unknown info type 'answers'", unknownInfo.Error);
        Assert.Contains("overview", unknownInfo.Error);
        Assert.Equal(0, (await episode.GetSnapshot()).StepsTaken);

        var failing = await episode.Step(EpisodeAction.ExecuteCode("#fail KeyError"));
        Assert.Null(failing.Error);
        Assert.Equal(ExecutionStatus.CodeError, failing.Observation.Execution!.Status);
        Assert.Equal("KeyError", failing.Observation.Execution.ErrorClass);
        Assert.Equal(0, failing.Reward);

        var syntax = await episode.Step(EpisodeAction.ValidateCode("#syntax-error"));
        Assert.Equal(ExecutionStatus.SyntaxError, syntax.Observation.Execution!.Status);

        var fine = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"));
        Assert.Null(fine.Error);
        Assert.Equal(3, fine.StepsTaken);
        Assert.True(fine.Observation.Execution!.Submission!.Valid);

        await episode.Close();
        var afterClose = await episode.Step(EpisodeAction.RequestInfo("name"));
        Assert.Contains("closed", afterClose.Error);
        Assert.True(afterClose.Done);
    }

    [Fact]
    public async Task Bad_reset_options_answer_an_error_and_persist_nothing()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("badreset-" + Guid.NewGuid().ToString("N"));
        Assert.Contains("not registered", (await episode.Reset(new EpisodeOptions { Competition = "no-such-competition" })).Error);
        Assert.Contains("limits.maxSteps", (await episode.Reset(Options(maxSteps: 100000))).Error);
        Assert.Contains("ExecutionTimeout", (await episode.Reset(Options() with { ExecutionTimeout = TimeSpan.FromDays(30) })).Error);
        Assert.Equal(EpisodeStatus.New, (await episode.GetSnapshot()).Status);
    }

    [Fact]
    public async Task The_episode_is_done_when_its_steps_are_spent()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("done-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options(maxSteps: 2));
        Assert.False((await episode.Step(EpisodeAction.RequestInfo("name"))).Done);
        var last = await episode.Step(EpisodeAction.GetHistory());
        Assert.True(last.Done);
        Assert.Equal(0, last.StepsLeft);
        Assert.Contains("done", (await episode.Step(EpisodeAction.RequestInfo("name"))).Error);
    }

    [Fact]
    public async Task Deactivated_episodes_come_back_from_storage()
    {
        var episode = grid.Client.GetGrain<IEpisodeGrain>("idle-" + Guid.NewGuid().ToString("N"));
        await episode.Reset(Options());
        var executed = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"));

        await grid.Cluster.DeactivateAsync(episode);
        await grid.Cluster.WaitForDeactivationAsync(episode);

        var next = await episode.Step(EpisodeAction.GetHistory());
        Assert.Equal(2, next.StepsTaken);
        Assert.Equal(executed.Observation.BestRawScore, next.Observation.BestRawScore);
        Assert.Equal(ActionType.ExecuteCode, Assert.Single(next.Observation.History!).Action.Type);
    }
}

using MLEDojo.DataSelect;

namespace MLEDojo.DataSelect.Tests;

public class DataSelectEnvironmentTests
{
    private static readonly DataSelectAction[] Mixed =
    [
        DataSelectAction.Select(10, 0.4, 0.4, 0.2),
        DataSelectAction.Select(0, 1, 0, 0),
        DataSelectAction.Select(17, 0, 1, 0),
        DataSelectAction.Select(12, 0, 0, 1),
        DataSelectAction.Select(8, 0.2, 0.3, 0.5),
    ];

    private static List<DataSelectStep> Play(DataSelectTask task, long seed, int steps)
    {
        var environment = DataSelectEnvironment.Reset(task, seed);
        var trajectory = new List<DataSelectStep>();
        for (var i = 0; i < steps && !environment.Done; i++) trajectory.Add(environment.Step(Mixed[i % Mixed.Length]));
        return trajectory;
    }

    [Theory]
    [InlineData("easy")]
    [InlineData("medium")]
    [InlineData("hard")]
    public void Same_task_and_seed_give_the_same_trajectory(string taskId)
    {
        var task = DataSelectTask.Get(taskId);
        Assert.Equal(DataSelectEnvironment.Reset(task, 7).Observation, DataSelectEnvironment.Reset(task, 7).Observation);
        var first = Play(task, 7, 20);
        var second = Play(task, 7, 20);
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Observation, second[i].Observation);
            Assert.Equal(first[i].Reward, second[i].Reward);
            Assert.Equal(first[i].Selection, second[i].Selection);
        }
    }

    [Fact]
    public void Different_seeds_give_different_pools()
    {
        var a = Play(DataSelectTask.Medium, 1, 3);
        var b = Play(DataSelectTask.Medium, 2, 3);
        Assert.NotEqual(a.Select(s => s.Reward), b.Select(s => s.Reward));
    }

    [Fact]
    public void Concurrent_episodes_do_not_disturb_each_other()
    {
        var alone = Play(DataSelectTask.Hard, 11, 8);
        var together = new List<DataSelectStep>[16];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => together[i] = Play(DataSelectTask.Hard, i % 2 == 0 ? 11 : 1000 + i, 8));
        for (var i = 0; i < together.Length; i += 2)
            Assert.Equal(alone.Select(s => (s.Observation, s.Reward)), together[i].Select(s => (s.Observation, s.Reward)));
    }

    [Fact]
    public void A_restored_snapshot_continues_exactly_as_the_original()
    {
        var original = DataSelectEnvironment.Reset(DataSelectTask.Easy, 5);
        original.Step(Mixed[0]);
        original.Step(Mixed[3]);
        var restored = DataSelectEnvironment.Restore(original.Snapshot());
        Assert.True(restored.ReplayMatchedSnapshot);
        Assert.Equal(original.Observation, restored.Observation);
        foreach (var action in Mixed)
        {
            var expected = original.Step(action);
            var actual = restored.Step(action);
            Assert.Equal(expected.Observation, actual.Observation);
            Assert.Equal(expected.Reward, actual.Reward);
        }
        Assert.Equal(original.Grade().Score, restored.Grade().Score);
    }

    [Fact]
    public void A_snapshot_whose_batches_do_not_add_up_is_refused()
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Easy, 5);
        environment.Step(Mixed[0]);
        var snapshot = environment.Snapshot();
        Assert.Throws<ArgumentException>(() => DataSelectEnvironment.Restore(snapshot with { BatchSizes = [3] }));
        Assert.Throws<ArgumentException>(() => DataSelectEnvironment.Restore(snapshot with { Taken = [.. snapshot.Taken[..^1], snapshot.Taken[0]] }));
    }

    [Fact]
    public void Stop_with_batch_size_zero_ends_the_episode()
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Easy, 42);
        var step = environment.Step(DataSelectAction.Stop());
        Assert.True(step.Done);
        Assert.Equal("stop", step.Reason);
        // The original's stop reward: 5% of the budget left when performance reached the threshold, else -1.
        Assert.Equal(environment.Performance >= DataSelectTask.Easy.StopThreshold ? 0.05 * 300 : -1.0, step.Reward);
        Assert.Throws<InvalidOperationException>(() => environment.Step(DataSelectAction.Stop()));
    }

    [Fact]
    public void The_budget_never_goes_negative()
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Hard, 3);
        // 97 leaves 3, below the minimum batch of 5: the last batch takes what is left, not 5.
        environment.Step(DataSelectAction.Select(97, 0, 0, 1));
        Assert.Equal(3, environment.RemainingBudget);
        var last = environment.Step(DataSelectAction.Select(1, 1, 1, 1));
        Assert.Equal(3, last.Selection!.BatchSize);
        Assert.Equal(0, environment.RemainingBudget);
        Assert.True(last.Done);
    }

    [Fact]
    public void A_small_batch_is_raised_to_the_minimum_and_a_large_one_capped_by_the_budget()
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Medium, 3);
        Assert.Equal(DataSelectConfig.MinBatch, environment.Step(DataSelectAction.Select(0, 1, 0, 0)).Selection!.BatchSize);
        var big = environment.Step(DataSelectAction.Select(10_000, 0, 1, 0));
        Assert.Equal(150 - DataSelectConfig.MinBatch, big.Selection!.BatchSize);
        Assert.Equal(0, big.Observation.RemainingBudget);
        Assert.True(big.Done);
    }

    [Theory]
    [InlineData(-1, 1.0, 0.0, 0.0, "batch_size must be >= 0")]
    [InlineData(10, -0.5, 1.0, 0.0, "strategy_weights.uncertainty must be a finite number >= 0")]
    [InlineData(10, 0.0, double.NaN, 0.0, "strategy_weights.diversity must be a finite number >= 0")]
    [InlineData(10, 0.0, 0.0, 0.0, "must not all be 0")]
    [InlineData(200_000, 1.0, 0.0, 0.0, "batch_size must be at most")]
    public void A_bad_action_is_refused_with_a_clear_message_and_changes_nothing(int batchSize, double u, double d, double r, string message)
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Easy, 1);
        var before = environment.Observation;
        var error = Assert.Throws<ArgumentException>(() => environment.Step(DataSelectAction.Select(batchSize, u, d, r)));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, environment.Observation);
        Assert.Equal(0, environment.Steps);
    }

    [Fact]
    public void Select_batch_without_weights_is_refused()
    {
        var action = new DataSelectAction(DataSelectActionType.SelectBatch, 10, null);
        Assert.Contains("needs strategy_weights", action.Problem());
        Assert.Null(DataSelectAction.Stop().Problem());
    }

    [Fact]
    public void Observation_tracks_budget_pool_and_noise()
    {
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Hard, 42);
        var start = environment.Observation;
        Assert.Equal(100, start.RemainingBudget);
        Assert.Equal(1100, start.SamplesAvailable);
        Assert.InRange(start.NoiseEstimate, 0.25, 0.35); // flip_y 0.30
        var step = environment.Step(DataSelectAction.Select(10, 0, 0, 1));
        Assert.Equal(90, step.Observation.RemainingBudget);
        Assert.Equal(1090, step.Observation.SamplesAvailable);
        Assert.InRange(step.Selection!.NoiseRatio, 0, 1);
        Assert.InRange(step.Observation.CurrentPerformance, 0.05, 1);
    }

    [Fact]
    public void Batches_split_between_strategies_as_the_original_truncates()
    {
        // int(10 * 0.4 / (1 + 1e-8)) is 3: the balanced agent labels 3 by uncertainty, 3 by diversity, 4 at random.
        var environment = DataSelectEnvironment.Reset(DataSelectTask.Easy, 42);
        Assert.Equal(10, environment.Step(DataSelectAction.Select(10, 0.4, 0.4, 0.2)).Selection!.BatchSize);
    }
}

using MLEDojo.DataSelect;

namespace MLEDojo.DataSelect.Tests;

public class DataSelectGraderTests
{
    [Fact]
    public void Easy_scores_performance_between_055_and_075()
    {
        var grade = DataSelectGrader.Grade(DataSelectTask.Easy, 0.65, [], 100);
        Assert.Equal(0.5, grade.Score, 10);
        Assert.True(grade.Passed);
        Assert.False(DataSelectGrader.Grade(DataSelectTask.Easy, 0.62, [], 100).Passed);
        Assert.Equal(1.0, DataSelectGrader.Grade(DataSelectTask.Easy, 0.9, [], 0).Score);
    }

    [Fact]
    public void Medium_weighs_performance_and_noise_avoided_and_counts_no_selection_as_all_noise()
    {
        var grade = DataSelectGrader.Grade(DataSelectTask.Medium, 0.52, [0.2, 0.4], 30);
        Assert.Equal(Math.Round(0.6 * 0.5 + 0.4 * (1 - 0.3 / 0.5), 4), grade.Score);
        Assert.False(grade.Passed); // performance must exceed 0.52
        Assert.Equal(0.3, grade.Breakdown["avg_noise_ratio"], 10);
        var none = DataSelectGrader.Grade(DataSelectTask.Medium, 0.7, [], 150);
        Assert.Equal(0.6, none.Score);
        Assert.False(none.Passed);
    }

    [Fact]
    public void Hard_weighs_performance_and_budget_saved()
    {
        var grade = DataSelectGrader.Grade(DataSelectTask.Hard, 0.61, [0.5], 20);
        Assert.Equal(Math.Round(0.65 * (0.11 / 0.22) + 0.35 * 0.2, 4), grade.Score);
        Assert.True(grade.Passed);
        Assert.Equal(80, grade.Breakdown["budget_used"]);
    }

    [Fact]
    public void Every_episode_can_be_graded_however_it_ended()
    {
        foreach (var task in DataSelectTask.All)
        {
            var stopped = DataSelectEnvironment.Reset(task, 9);
            stopped.Step(DataSelectAction.Stop());
            Assert.InRange(stopped.Grade().Score, 0, 1);
            var untouched = DataSelectEnvironment.Reset(task, 9);
            Assert.InRange(untouched.Grade().Score, 0, 1);
            var played = DataSelectBaseline.Play(task, 9, FixedAgent.Balanced());
            Assert.InRange(played.Grade.Score, 0, 1);
            Assert.Equal(task.MaxSteps, played.Steps);
        }
    }

    [Fact]
    public void The_baseline_is_reproducible()
    {
        var first = DataSelectBaseline.PlayAll(DataSelectBaseline.Seed, FixedAgent.Balanced);
        var second = DataSelectBaseline.PlayAll(DataSelectBaseline.Seed, FixedAgent.Balanced);
        Assert.Equal(DataSelectTask.Ids, first.Keys);
        foreach (var id in DataSelectTask.Ids)
        {
            Assert.Equal(first[id].Grade.Score, second[id].Grade.Score);
            Assert.Equal(first[id].TotalReward, second[id].TotalReward);
        }
    }

    [Fact]
    public void The_random_agent_plays_legal_actions_to_the_end()
    {
        foreach (var task in DataSelectTask.All)
        {
            var result = DataSelectBaseline.Play(task, 3, new RandomAgent(3));
            Assert.InRange(result.Grade.Score, 0, 1);
        }
    }
}

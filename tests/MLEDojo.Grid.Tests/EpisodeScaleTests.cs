using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Grid.Tests;

[Collection(SharedGridCollection.Name)]
public sealed class EpisodeScaleTests(SharedGridCluster grid)
{
    private static readonly string[] Competitions =
        ["spaceship-titanic", "home-data-for-ml-course", "nomad2018-predict-transparent-conductors", "detecting-insults-in-social-commentary"];

    private const string Baseline = "2_baseline_model.csv";
    private const string TrueAnswers = "3_true_answers.csv";
    private const int MaxSteps = 10;

    [Fact]
    public async Task Two_hundred_concurrent_episodes_of_five_steps_score_exactly_as_MLE_Dojo()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var episodes = Enumerable.Range(0, 200).Select(i => RunEpisodeAsync($"scale-{run}-{i}", i)).ToArray();
        await Task.WhenAll(episodes);

        // Every episode's best reached the competitions' live leaderboards, ordered by each metric's direction.
        foreach (var competition in Competitions)
        {
            var board = await grid.Client.GetGrain<ICompetitionGrain>(competition).GetLeaderboard(1000);
            var ours = board.Where(e => e.EpisodeId.StartsWith($"scale-{run}-", StringComparison.Ordinal)).ToArray();
            Assert.Equal(50, ours.Length);
            Assert.All(ours, e => Assert.Equal(ReferenceScores.For(competition, TrueAnswers).RawScore, e.RawScore, 9));
            var raws = board.Select(e => e.RawScore).ToArray();
            var sorted = ReferenceScores.HigherIsBetter(competition) ? raws.OrderDescending() : raws.Order();
            Assert.Equal(sorted, raws);
        }
    }

    private async Task RunEpisodeAsync(string episodeId, int index)
    {
        var competition = Competitions[index % Competitions.Length];
        var scoreMode = index % 2 == 0 ? ScoreMode.Position : ScoreMode.Raw;
        var rewardMode = index % 4 < 2 ? RewardMode.Score : RewardMode.Improvement;
        var higherIsBetter = ReferenceScores.HigherIsBetter(competition);
        var baseline = ReferenceScores.For(competition, Baseline);
        var truth = ReferenceScores.For(competition, TrueAnswers);
        double Scaled(ReferenceScore s) => scoreMode == ScoreMode.Position ? s.AverageScore : higherIsBetter ? s.RawScore : -s.RawScore;

        var episode = grid.Client.GetGrain<IEpisodeGrain>(episodeId);
        var reset = await episode.Reset(new EpisodeOptions
        {
            Competition = competition, ScoreMode = scoreMode, RewardMode = rewardMode, MaxSteps = MaxSteps, AgentName = "agent-" + index,
        });
        Assert.Null(reset.Error);
        Assert.Equal(MaxSteps, reset.StepsLeft);

        var info = await episode.Step(EpisodeAction.RequestInfo("name"));
        Assert.Null(info.Error);
        Assert.Equal(competition, info.Observation.Info!["name"]);
        Assert.Equal("Total Actions: 1, Last Action: request_info", info.Observation.HistorySummary);

        var validation = await episode.Step(EpisodeAction.ValidateCode("#copy " + Baseline));
        Assert.Equal(Observation.Success, validation.Observation.ActionStatus);
        Assert.Equal(ExecutionStatus.Success, validation.Observation.Execution!.Status);
        Assert.Equal(0, validation.Reward);
        Assert.False(File.Exists(Path.Combine(grid.EpisodesRoot, episodeId, "submission.csv")), "validation removes submission.csv");

        var first = await episode.Step(EpisodeAction.ExecuteCode("#copy " + Baseline));
        var firstScore = first.Observation.Execution!.Submission!;
        Assert.True(firstScore.Valid, firstScore.Error);
        AssertClose(baseline.RawScore, first.Observation.CurrentRawScore!.Value);
        AssertClose(baseline.AverageScore, first.Observation.CurrentPositionScore!.Value);
        AssertClose(baseline.RawScore, first.Observation.BestRawScore!.Value);
        var firstReward = rewardMode == RewardMode.Score ? Scaled(baseline)
            : scoreMode == ScoreMode.Position ? Scaled(baseline) : 0;
        AssertClose(firstReward, first.Reward);
        Assert.True(File.Exists(Path.Combine(grid.EpisodesRoot, episodeId, "submission_3.csv")));
        Assert.True(File.Exists(Path.Combine(grid.EpisodesRoot, episodeId, "execution_3.log")));

        var second = await episode.Step(EpisodeAction.ExecuteCode("#copy " + TrueAnswers));
        AssertClose(truth.RawScore, second.Observation.CurrentRawScore!.Value);
        AssertClose(truth.RawScore, second.Observation.BestRawScore!.Value);
        AssertClose(Math.Max(baseline.AverageScore, truth.AverageScore), second.Observation.BestPositionScore!.Value);
        var secondReward = rewardMode == RewardMode.Score ? Scaled(truth) : Math.Max(0, Scaled(truth) - Scaled(baseline));
        AssertClose(secondReward, second.Reward);
        Assert.Equal(MaxSteps - 4, second.StepsLeft);

        var history = await episode.Step(EpisodeAction.GetHistory());
        Assert.Equal(4, history.Observation.History!.Count);
        Assert.Equal([ActionType.RequestInfo, ActionType.ValidateCode, ActionType.ExecuteCode, ActionType.ExecuteCode],
            history.Observation.History.Select(h => h.Action.Type));
        Assert.Equal(5, history.StepsTaken);
        Assert.Equal(MaxSteps - 5, history.StepsLeft);
        Assert.False(history.Done);
        Assert.Equal("Total Actions: 5, Last Action: get_history", history.Observation.HistorySummary);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}

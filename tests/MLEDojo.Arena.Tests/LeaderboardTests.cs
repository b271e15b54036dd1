using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Leaderboards;

namespace MLEDojo.Arena.Tests;

public sealed class LeaderboardTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static BoardEntry Entry(string id, string owner, params (string Competition, double? Score, string? Medal)[] episodes) => new()
    {
        SubmissionId = id, Owner = owner, Name = id, Tags = owner == "alice" ? ["baseline"] : [], ActiveSince = Now,
        Episodes = episodes.Select(e => new BoardEpisode { Competition = e.Competition, BestPositionScore = e.Score, Medal = e.Medal }).ToArray(),
    };

    [Fact]
    public void Mean_and_95_percent_interval_use_students_t()
    {
        var interval = MeanInterval.Of([0.2, 0.4, 0.6]);
        Assert.Equal(0.4, interval.Mean, 12);
        // sd = 0.2, n = 3, t(0.975, 2) = 4.303
        Assert.Equal(4.303 * 0.2 / Math.Sqrt(3), interval.Ci95!.Value, 12);
        Assert.Null(MeanInterval.Of([0.7]).Ci95);
        // Past 30 degrees of freedom the normal quantile: 40 values of 0 and 1, sample variance 10/39.
        Assert.Equal(1.96 * Math.Sqrt(10.0 / 39 / 40), MeanInterval.Of(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 0.0 : 1.0).ToArray()).Ci95!.Value, 12);
    }

    [Fact]
    public void A_competition_board_ranks_by_mean_best_position_score_with_shared_ranks_medals_and_unscored_episodes_as_zero()
    {
        var entries = new[]
        {
            Entry("a", "alice", ("c", 0.9, "gold"), ("c", 0.7, "bronze"), ("other", 0.1, null)),
            Entry("b", "bob", ("c", 0.8, "silver"), ("c", null, null)),
            Entry("d", "dave", ("c", 0.4, null), ("c", 0.4, null)),
            Entry("e", "erin", ("other", 1.0, "gold")),
        };
        var board = ArenaLeaderboard.ForCompetition(entries, "c", new BoardFilter(), Now);
        Assert.Equal(3, board.Total);
        Assert.Equal(["a", "b", "d"], board.Rows.Select(r => r.SubmissionId));
        Assert.Equal(0.8, board.Rows[0].MeanScore, 12);
        Assert.Equal((1, 0, 1), (board.Rows[0].Gold, board.Rows[0].Silver, board.Rows[0].Bronze));
        Assert.Equal(2, board.Rows[0].Episodes);
        // The unscored episode counts 0: (0.8 + 0) / 2 = 0.4, a tie with dave's 0.4, ranked by medals.
        Assert.Equal(0.4, board.Rows[1].MeanScore, 12);
        Assert.Equal([1, 2, 2], board.Rows.Select(r => r.Rank));
        Assert.Equal(0.0, board.Rows[2].ScoreCi95!.Value, 12);
    }

    [Fact]
    public void Filters_keep_the_unfiltered_rank()
    {
        var entries = new[] { Entry("a", "alice", ("c", 0.9, null)), Entry("b", "bob", ("c", 0.95, null)) };
        var mine = ArenaLeaderboard.ForCompetition(entries, "c", new BoardFilter(User: "alice"), Now);
        Assert.Equal(2, Assert.Single(mine.Rows).Rank);
        Assert.Equal(2, mine.Total);
        Assert.Equal("a", Assert.Single(ArenaLeaderboard.ForCompetition(entries, "c", new BoardFilter(Tag: "baseline"), Now).Rows).SubmissionId);
        Assert.Empty(ArenaLeaderboard.ForCompetition(entries, "c", new BoardFilter(Tag: "none"), Now).Rows);
    }

    [Fact]
    public void A_set_board_takes_submissions_that_played_every_competition_and_weighs_competitions_equally()
    {
        var entries = new[]
        {
            Entry("a", "alice", ("x", 1.0, "gold"), ("x", 0.0, null), ("y", 0.2, null)),
            Entry("b", "bob", ("x", 0.6, null)),
        };
        var board = ArenaLeaderboard.ForSet(entries, "pair", ["x", "y"], new BoardFilter(), Now);
        var row = Assert.Single(board.Rows);
        Assert.Equal("a", row.SubmissionId);
        Assert.Equal((0.5 + 0.2) / 2, row.MeanScore, 12);
        Assert.Equal(0.5, row.PerCompetition!["x"], 12);
        Assert.Null(row.ScoreCi95); // y has one episode: its interval is unknown, so the set's is too
        Assert.Equal(3, row.Episodes);
        Assert.Equal(1, row.Gold);
    }
}

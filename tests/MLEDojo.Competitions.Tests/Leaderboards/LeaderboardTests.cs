using MLEDojo.Competitions.Leaderboards;

namespace MLEDojo.Competitions.Tests.Leaderboards;

public sealed class LeaderboardTests
{
    private static readonly Leaderboard HigherBoard = new("private", [0.9, 0.8, 0.8, 0.7, 0.5], higherIsBetter: true);
    private static readonly Leaderboard LowerBoard = new("private", [0.1, 0.2, 0.2, 0.3, 0.5], higherIsBetter: false);

    [Theory]
    [InlineData(0.95, 1)]   // beats everyone
    [InlineData(0.9, 1)]    // ties the leader: ties count for the agent
    [InlineData(0.85, 2)]
    [InlineData(0.8, 2)]    // ties two entries: takes the first tied slot
    [InlineData(0.75, 4)]
    [InlineData(0.5, 5)]
    [InlineData(0.1, 6)]    // worse than everyone: N + 1
    public void HigherIsBetterPositions(double score, int position)
    {
        var result = HigherBoard.PositionOf(score);
        Assert.Equal(position, result.Position);
        Assert.Equal(5, result.Total);
        Assert.Equal((5 - position + 1) / 5.0, result.Score, 15);
    }

    [Theory]
    [InlineData(0.05, 1)]
    [InlineData(0.1, 1)]
    [InlineData(0.2, 2)]
    [InlineData(0.25, 4)]
    [InlineData(0.6, 6)]
    public void LowerIsBetterPositions(double score, int position) =>
        Assert.Equal(position, LowerBoard.PositionOf(score).Position);

    [Fact]
    public void NaNScoresLastWithZero()
    {
        var result = HigherBoard.PositionOf(double.NaN);
        Assert.Equal(6, result.Position);
        Assert.Equal(0.0, result.Score);
    }

    [Fact]
    public void FlatBoardPutsEveryScoreAtOneWhenItTies()
    {
        var flat = new Leaderboard("public", Enumerable.Repeat(0.0, 50).ToArray(), higherIsBetter: true);
        Assert.Equal(1, flat.PositionOf(0.5).Position);
        Assert.Equal(1, flat.PositionOf(0.0).Position);
        Assert.Equal(51, flat.PositionOf(-0.1).Position);
    }

    [Fact]
    public void RefusesABoardSortedAgainstTheMetric()
    {
        var e = Assert.Throws<CompetitionDataException>(() => new Leaderboard("private", [0.1, 0.2, 0.3], higherIsBetter: true));
        Assert.Contains("not sorted best-first", e.Message);
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void RefusesAnEmptyBoard() =>
        Assert.Throws<CompetitionDataException>(() => new Leaderboard("private", [], higherIsBetter: true));

    [Fact]
    public void SmallBoardMedalRanks()
    {
        // N = 50 < 100: gold at rank max(1, int(0.1N)) = 5, silver int(0.2N) = 10, bronze int(0.4N) = 20.
        var scores = Enumerable.Range(0, 50).Select(i => 1.0 - i / 100.0).ToArray();
        var medals = MedalThresholds.From(new Leaderboard("private", scores, higherIsBetter: true));
        Assert.Equal(scores[4], medals.Gold, 15);
        Assert.Equal(scores[9], medals.Silver, 15);
        Assert.Equal(scores[19], medals.Bronze, 15);
        Assert.Equal((scores[24] + scores[25]) / 2, medals.Median, 15);
    }

    [Theory]
    [InlineData(0.97, Medal.Gold, true)]
    [InlineData(0.96, Medal.Gold, true)]     // inclusive at the threshold
    [InlineData(0.955, Medal.Silver, true)]
    [InlineData(0.81, Medal.Bronze, true)]
    [InlineData(0.76, null, true)]
    [InlineData(0.755, null, false)]        // the median itself is not above it
    [InlineData(0.50, null, false)]
    public void AwardsAreExclusiveAndInclusive(double score, Medal? medal, bool aboveMedian)
    {
        var scores = Enumerable.Range(0, 50).Select(i => 1.0 - i / 100.0).ToArray();
        var award = MedalThresholds.From(new Leaderboard("private", scores, higherIsBetter: true)).Award(score);
        Assert.Equal(medal, award.Medal);
        Assert.Equal(aboveMedian, award.AboveMedian);
    }

    [Fact]
    public void LowerIsBetterMedalsCompareDownwards()
    {
        var scores = Enumerable.Range(0, 300).Select(i => i / 100.0).ToArray();
        var medals = MedalThresholds.From(new Leaderboard("private", scores, higherIsBetter: false));
        Assert.Equal(scores[10 + (int)(0.002 * 300) - 1], medals.Gold, 15);
        Assert.Equal(Medal.Gold, medals.Award(0.0).Medal);
        Assert.Equal(Medal.Silver, medals.Award(0.49).Medal);
        Assert.Equal(Medal.Bronze, medals.Award(0.99).Medal);
        Assert.Null(medals.Award(1.5).Medal);
        Assert.False(medals.Award(double.NaN).AboveMedian);
    }
}

using System.Text.Json;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Competitions.Tests.Scoring;

/// <summary>
/// Every reference submission of every shipped competition must get exactly the verdict, raw score, positions,
/// position scores and MLE-bench medal that MLE-Dojo's own code produced (tests/fixtures/reference/*/expected.json).
/// </summary>
public sealed class ReferenceScoringTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(RepoPaths.ReferenceRoot).Order())
        {
            using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
            foreach (var submission in expected.RootElement.GetProperty("submissions").EnumerateObject())
                data.Add(Path.GetFileName(folder), submission.Name);
        }
        return data;
    }

    [Fact]
    public void EveryShippedCompetitionHasReferenceCases() =>
        Assert.True(Cases().Count() >= 24, "expected the reference submissions of all four shipped competitions");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReproducesMleDojo(string competition, string submission)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ReferenceRoot, competition, "expected.json")));
        var expected = document.RootElement.GetProperty("submissions").GetProperty(submission);
        var scorer = ScorerCache.For(competition);

        var report = scorer.Score(Path.Combine(RepoPaths.ReferenceRoot, competition, "submissions", submission));

        Assert.Equal(expected.GetProperty("valid").GetBoolean(), report.Valid);
        if (!report.Valid)
        {
            Assert.Equal(expected.GetProperty("error_type").GetString(), report.ErrorType);
            Assert.False(string.IsNullOrWhiteSpace(report.Error));
            Assert.Null(report.Medal);
            return;
        }
        var raw = expected.GetProperty("raw_score").GetDouble();
        Assert.True(RelativelyClose(raw, report.RawScore!.Value, 1e-9), $"raw score {report.RawScore:R}, MLE-Dojo {raw:R}");
        var positions = expected.GetProperty("position_score");
        AssertBoard(positions.GetProperty("private"), report.Position!.Private!);
        AssertBoard(positions.GetProperty("public"), report.Position.Public!);
        Assert.Equal(expected.GetProperty("avg_score").GetDouble(), report.Position.Average, 12);

        var medal = expected.GetProperty("mlebench");
        Assert.Equal(medal.GetProperty("medal").GetString(), report.Medal?.ToString().ToLowerInvariant());
        Assert.Equal(medal.GetProperty("above_median").GetBoolean(), report.AboveMedian);
    }

    [Theory]
    [InlineData("spaceship-titanic")]
    [InlineData("home-data-for-ml-course")]
    [InlineData("nomad2018-predict-transparent-conductors")]
    [InlineData("detecting-insults-in-social-commentary")]
    public void MedalThresholdsMatchMleBench(string competition)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ReferenceRoot, competition, "expected.json")));
        var expected = document.RootElement.GetProperty("mlebench_medal_thresholds");
        var medals = ScorerCache.For(competition).Medals!;
        Assert.Equal(expected.GetProperty("gold_threshold").GetDouble(), medals.Gold, 9);
        Assert.Equal(expected.GetProperty("silver_threshold").GetDouble(), medals.Silver, 9);
        Assert.Equal(expected.GetProperty("bronze_threshold").GetDouble(), medals.Bronze, 9);
        Assert.Equal(expected.GetProperty("median_threshold").GetDouble(), medals.Median, 9);
        Assert.Equal(expected.GetProperty("num_teams").GetInt32(), medals.Teams);
        Assert.Equal(expected.GetProperty("is_lower_better").GetBoolean(), !medals.HigherIsBetter);
    }

    private static void AssertBoard(JsonElement expected, global::MLEDojo.Competitions.Leaderboards.BoardPosition actual)
    {
        Assert.Equal(expected.GetProperty("position").GetInt32(), actual.Position);
        Assert.Equal(expected.GetProperty("total").GetInt32(), actual.Total);
        Assert.Equal(expected.GetProperty("position_score").GetDouble(), actual.Score, 12);
    }

    internal static bool RelativelyClose(double expected, double actual, double tolerance) =>
        expected == actual || Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
}

/// <summary>Scorers are immutable and thread-safe: build each shipped competition's once per test run.</summary>
internal static class ScorerCache
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompetitionScorer> Scorers = new();

    public static CompetitionScorer For(string competition) =>
        Scorers.GetOrAdd(competition, name => CompetitionScorer.Create(CompetitionLoader.Load(RepoPaths.Competition(name))));
}

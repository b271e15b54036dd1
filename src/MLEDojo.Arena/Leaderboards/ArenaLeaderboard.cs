using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Leaderboards;

/// <summary>Which rows to show: one owner's, or those carrying a tag. Ranks stay the unfiltered board's.</summary>
public sealed record BoardFilter(string? User = null, string? Tag = null)
{
    public bool Keeps(BoardEntry entry) =>
        (User is null || entry.Owner == User) && (Tag is null || entry.Tags.Contains(Tag, StringComparer.Ordinal));
}

/// <summary>One submission's row: its rank, the mean ± 95% interval of its episodes' best position scores, its medals.</summary>
public sealed record LeaderboardRow
{
    public required int Rank { get; init; }
    public required string SubmissionId { get; init; }
    public required string Username { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required double MeanScore { get; init; }
    public double? ScoreCi95 { get; init; }
    public required int Episodes { get; init; }
    public int Gold { get; init; }
    public int Silver { get; init; }
    public int Bronze { get; init; }
    /// <summary>For a competition set: each competition's mean.</summary>
    public IReadOnlyDictionary<string, double>? PerCompetition { get; init; }
}

/// <summary>A ranked board for one competition or one competition set.</summary>
public sealed record Leaderboard
{
    /// <summary>competition or competition_set.</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Competitions { get; init; } = [];
    public string Metric { get; init; } = "mean best position score over episodes (MLE-Dojo's (N - position + 1) / N, both boards averaged)";
    /// <summary>Submissions ranked before filtering.</summary>
    public required int Total { get; init; }
    public BoardFilter Filter { get; init; } = new();
    public IReadOnlyList<LeaderboardRow> Rows { get; init; } = [];
    public DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>
/// Computes leaderboards from active submissions' episodes. An episode's score is its best position score (one that
/// never produced a valid submission scores 0, as MLE-Dojo counts it); a submission's is the mean over its episodes.
/// Ties share a rank; medals, then the earlier submission, order them within it.
/// </summary>
public static class ArenaLeaderboard
{
    public static Leaderboard ForCompetition(IEnumerable<BoardEntry> entries, string competition, BoardFilter filter, DateTimeOffset now)
    {
        var scored = entries
            .Select(e => (Entry: e, Episodes: e.Episodes.Where(x => x.Competition == competition).ToArray()))
            .Where(x => x.Episodes.Length > 0)
            .Select(x => Row(x.Entry, x.Episodes, MeanInterval.Of(x.Episodes.Select(Score).ToArray()), null))
            .ToArray();
        return Ranked("competition", competition, [competition], scored, filter, now);
    }

    /// <summary>Submissions that played every competition of the set, ranked by the mean of their per-competition means.</summary>
    public static Leaderboard ForSet(IEnumerable<BoardEntry> entries, string set, IReadOnlyList<string> competitions, BoardFilter filter, DateTimeOffset now)
    {
        var scored = new List<(LeaderboardRow Row, BoardEntry Entry)>();
        foreach (var entry in entries)
        {
            var per = competitions.ToDictionary(c => c, c => entry.Episodes.Where(e => e.Competition == c).Select(Score).ToArray());
            if (per.Values.Any(v => v.Length == 0)) continue;
            var means = per.ToDictionary(p => p.Key, p => MeanInterval.Of(p.Value));
            var episodes = entry.Episodes.Where(e => competitions.Contains(e.Competition)).ToArray();
            scored.Add(Row(entry, episodes, MeanInterval.OfMeans(means.Values.ToArray()), means.ToDictionary(m => m.Key, m => m.Value.Mean)));
        }
        return Ranked("competition_set", set, competitions, scored, filter, now);
    }

    private static double Score(BoardEpisode episode) => episode.BestPositionScore is { } s && double.IsFinite(s) ? s : 0.0;

    private static (LeaderboardRow Row, BoardEntry Entry) Row(BoardEntry entry, IReadOnlyList<BoardEpisode> episodes, MeanInterval score, IReadOnlyDictionary<string, double>? perCompetition) =>
        (new LeaderboardRow
        {
            Rank = 0,
            SubmissionId = entry.SubmissionId,
            Username = entry.Owner,
            Name = entry.Name,
            Tags = entry.Tags,
            MeanScore = score.Mean,
            ScoreCi95 = score.Ci95,
            Episodes = episodes.Count,
            Gold = episodes.Count(e => e.Medal == "gold"),
            Silver = episodes.Count(e => e.Medal == "silver"),
            Bronze = episodes.Count(e => e.Medal == "bronze"),
            PerCompetition = perCompetition,
        }, entry);

    private static Leaderboard Ranked(string kind, string name, IReadOnlyList<string> competitions,
        IReadOnlyCollection<(LeaderboardRow Row, BoardEntry Entry)> scored, BoardFilter filter, DateTimeOffset now)
    {
        var ordered = scored
            .OrderByDescending(s => s.Row.MeanScore).ThenByDescending(s => s.Row.Gold).ThenByDescending(s => s.Row.Silver)
            .ThenByDescending(s => s.Row.Bronze).ThenBy(s => s.Entry.ActiveSince).ThenBy(s => s.Row.SubmissionId, StringComparer.Ordinal)
            .ToArray();
        var rows = new List<LeaderboardRow>();
        for (var i = 0; i < ordered.Length; i++)
        {
            // Competition ranking (1, 1, 3): equal means share the better rank.
            var rank = i > 0 && ordered[i].Row.MeanScore == ordered[i - 1].Row.MeanScore ? rows[i - 1].Rank : i + 1;
            rows.Add(ordered[i].Row with { Rank = rank });
        }
        var kept = rows.Where((_, i) => filter.Keeps(ordered[i].Entry)).ToArray();
        return new Leaderboard { Kind = kind, Name = name, Competitions = competitions, Total = rows.Count, Filter = filter, Rows = kept, GeneratedAt = now };
    }
}

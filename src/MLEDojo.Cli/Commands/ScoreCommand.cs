using System.CommandLine;
using System.Globalization;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Cli.Commands;

/// <summary><c>dojo score</c>: scores one submission file exactly as an episode would.</summary>
internal static class ScoreCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var dataRoot = DojoCli.DataRootOption();
        var competition = new Option<string>("--competition", "-c") { Description = "Competition name (a folder under the data root).", Required = true };
        var submission = new Option<FileInfo>("--submission", "-s") { Description = "The submission CSV to score.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("score", "Validate and score a submission; report raw score, leaderboard positions and MLE-bench medal.")
        {
            dataRoot, competition, submission, json,
        };
        command.SetAction(parse => CommandErrors.Guard(error, () =>
        {
            var name = parse.GetRequiredValue(competition);
            var scorer = CompetitionScorer.Create(DataRoot.LoadCompetition(parse.GetValue(dataRoot), name));
            var report = scorer.Score(parse.GetRequiredValue(submission).FullName);
            output.WriteLine(parse.GetValue(json) ? ScoreJson.Render(report) : Describe(name, report));
            return 0;
        }));
        return command;
    }

    private static string Describe(string competition, ScoreReport report)
    {
        if (!report.Valid) return $"{competition}: INVALID ({report.ErrorType})\n{report.Error}";
        var lines = new List<string> { $"{competition}: valid", $"raw score: {report.RawScore?.ToString("R", CultureInfo.InvariantCulture)}" };
        if (report.Position is { } p)
        {
            if (p.Private is { } pr) lines.Add($"private leaderboard: position {pr.Position} / {pr.Total} (score {pr.Score:0.######})");
            if (p.Public is { } pu) lines.Add($"public leaderboard: position {pu.Position} / {pu.Total} (score {pu.Score:0.######})");
            lines.Add($"average position score: {p.Average:0.######}");
        }
        lines.Add($"MLE-bench medal: {report.Medal?.ToString().ToLowerInvariant() ?? "none"}{(report.AboveMedian == true ? " (above median)" : "")}");
        return string.Join('\n', lines);
    }
}

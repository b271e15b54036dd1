using System.CommandLine;
using MLEDojo.Rollouts.Reporting;

namespace MLEDojo.Cli.Commands;

/// <summary><c>dojo report DIR</c>: DIR/report.md and DIR/report.html from a rollout's trajectories.</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "A rollout's --out folder." };
        var command = new Command("report", "Summarize a rollout: per competition mean ± SEM of the best position score, medal rates, steps and time; writes report.md and report.html.") { directory };
        command.SetAction(parse => CommandErrors.Guard(error, () =>
        {
            var folder = parse.GetValue(directory)!;
            if (!folder.Exists) throw new UsageException($"No folder {folder.FullName}.");
            RolloutReport report;
            try
            {
                report = RolloutReport.Load(folder.FullName);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                throw new UsageException(e.Message);
            }
            var markdown = MarkdownReport.Render(report);
            File.WriteAllText(Path.Combine(folder.FullName, "report.md"), markdown);
            File.WriteAllText(Path.Combine(folder.FullName, "report.html"), HtmlReport.Render(report));
            output.Write(markdown);
            output.WriteLine($"wrote {Path.Combine(folder.FullName, "report.md")} and {Path.Combine(folder.FullName, "report.html")}");
            return 0;
        }));
        return command;
    }
}

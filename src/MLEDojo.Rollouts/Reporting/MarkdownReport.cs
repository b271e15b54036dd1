using System.Text;

namespace MLEDojo.Rollouts.Reporting;

/// <summary><c>report.md</c>: the summary table per competition and agent, plus how the numbers are computed.</summary>
public static class MarkdownReport
{
    public static string Render(RolloutReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Rollout report: {report.RunId}").AppendLine();
        text.AppendLine($"{report.Episodes} finished episodes over {report.Competitions.Count} competitions and {report.Agents.Count} agents" +
                        (report.Failures > 0 ? $"; {report.Failures} failed attempts in failures.jsonl." : "."));
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", ReportRows.Header) + " |");
        text.AppendLine("|" + string.Concat(ReportRows.Header.Select((_, i) => i < 2 ? "---|" : "---:|")));
        foreach (var g in report.Groups) text.AppendLine("| " + string.Join(" | ", ReportRows.Cells(g)) + " |");
        text.AppendLine();
        text.AppendLine(Definitions);
        return text.ToString();
    }

    public const string Definitions =
        "Best position score: the episode's best MLE-Dojo position score (mean of private and public leaderboard positions, " +
        "in [0, 1]; 0 when no submission was valid); mean ± standard error of the mean over episodes. Medals: MLE-bench " +
        "thresholds on the private leaderboard, the episode's best medal. Time: agent thinking plus grid round trips.";
}

using System.Text;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched): an overview chart,
/// the summary table, and per competition the score distribution, medal shares and best score against steps.
/// </summary>
public static class HtmlReport
{
    public static string Render(RolloutReport report)
    {
        var agents = report.Agents;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Rollout report {{E(report.RunId)}}</title>
            <style>
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px 32px; color: #222; background: #fafafa; }
            h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 0 0 8px; } h3 { font-size: 13px; color: #555; margin: 8px 0 4px; font-weight: normal; }
            .sub { color: #666; margin-bottom: 18px; }
            .card { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 14px 18px; margin: 0 0 18px; }
            .grid { display: flex; flex-wrap: wrap; gap: 12px 28px; }
            .kpis { display: flex; gap: 26px; margin: 4px 0 10px; } .kpi b { display: block; font-size: 20px; } .kpi span { color: #666; font-size: 12px; }
            table { border-collapse: collapse; font-size: 12px; } th, td { padding: 4px 8px; border-bottom: 1px solid #eee; text-align: right; }
            th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; } th { background: #f2f2f2; } td { white-space: nowrap; }
            .legend span { display: inline-block; margin-right: 14px; font-size: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
            .note { color: #777; font-size: 11px; max-width: 900px; }
            </style></head><body>
            <h1>Rollout report</h1>
            <div class="sub">run {{E(report.RunId)}} · {{report.Episodes}} finished episodes · {{report.Competitions.Count}} competitions · agents: {{E(string.Join(", ", agents))}}{{(report.Failures > 0 ? $" · {report.Failures} failed attempts" : "")}}</div>
            """);
        html.Append("<div class=\"card\"><h2>Best position score by competition (mean ± SEM)</h2>");
        html.Append(Legend(agents)).Append(Plots.Overview(report.Groups, agents)).Append("</div>");

        html.Append("<div class=\"card\"><h2>Summary</h2><table><tr>");
        foreach (var h in ReportRows.Header) html.Append($"<th>{E(h)}</th>");
        html.Append("</tr>");
        foreach (var g in report.Groups) html.Append("<tr>").Append(string.Concat(ReportRows.Cells(g).Select(c => $"<td>{E(c)}</td>"))).Append("</tr>");
        html.Append($"</table><p class=\"note\">{E(MarkdownReport.Definitions)}</p></div>");

        foreach (var g in report.Groups)
        {
            var color = Plots.AgentColor(Math.Max(0, agents.ToList().IndexOf(g.Agent)));
            html.Append($"<div class=\"card\"><h2>{E(g.Competition)} · {E(g.Agent)}</h2><div class=\"kpis\">");
            html.Append(Kpi($"{Plots.F(g.MeanBestPosition)} ± {Plots.F(g.SemBestPosition)}", "best position score"));
            html.Append(Kpi(ReportRows.Percent(g.AnyMedalRate), "any medal"));
            html.Append(Kpi(ReportRows.Percent(g.ValidSubmissionRate), "valid submission"));
            html.Append(Kpi(g.Episodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "episodes"));
            html.Append(Kpi(ReportRows.Duration(g.MeanSeconds), "mean time"));
            html.Append("</div><div class=\"grid\"><div><h3>Distribution of best position scores (dots: episodes, by medal)</h3>");
            html.Append(Plots.Distribution(g, color)).Append("<h3>Medals</h3>").Append(Plots.MedalBar(g)).Append(MedalLegend());
            html.Append("</div><div><h3>Best position score against steps (thin: episodes, bold: mean)</h3>");
            html.Append(Plots.BestAgainstSteps(g, color)).Append("</div></div></div>");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Kpi(string value, string label) => $"<div class=\"kpi\"><b>{E(value)}</b><span>{E(label)}</span></div>";

    private static string Legend(IReadOnlyList<string> agents) =>
        "<div class=\"legend\">" + string.Concat(agents.Select((a, i) => $"<span><i style=\"background:{Plots.AgentColor(i)}\"></i>{E(a)}</span>")) + "</div>";

    private static string MedalLegend() =>
        "<div class=\"legend\">" + string.Concat(Plots.MedalColors.Select(m => $"<span><i style=\"background:{m.Value}\"></i>{m.Key}</span>")) + "</div>";

    private static string E(string text) => Html.Encode(text);
}

using System.Globalization;
using System.Net;
using System.Text;

namespace MLEDojo.Arena.Leaderboards;

/// <summary>
/// A leaderboard as one self-contained HTML page (inline CSS and SVG, no scripts, no external requests): rank, who,
/// a bar per submission with its 95% interval drawn as a whisker on a 0-1 scale, episodes and medals.
/// </summary>
public static class LeaderboardPage
{
    private const int BarWidth = 320;

    public static string Render(Leaderboard board, IReadOnlyList<string> otherBoards)
    {
        var html = new StringBuilder();
        var title = $"{(board.Kind == "competition" ? "Competition" : "Competition set")} {board.Name}";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>Arena · ").Append(Encode(title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><h1>MLE-Dojo Arena</h1><p class=\"sub\">").Append(Encode(title)).Append("</p></header><main>")
            .Append("<p class=\"meta\">").Append(Encode(board.Metric)).Append(". ")
            .Append(board.Total.ToString(CultureInfo.InvariantCulture)).Append(board.Total == 1 ? " submission" : " submissions").Append(" ranked");
        if (board.Filter.User is { } user) html.Append(", showing user <b>").Append(Encode(user)).Append("</b>");
        if (board.Filter.Tag is { } tag) html.Append(", showing tag <b>").Append(Encode(tag)).Append("</b>");
        html.Append(". Updated ").Append(board.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(".</p>");
        if (board.Kind != "competition")
            html.Append("<p class=\"meta\">Competitions: ").Append(Encode(string.Join(", ", board.Competitions))).Append(" (each weighs the same).</p>");

        if (board.Rows.Count == 0)
            html.Append("<p class=\"empty\">No active submission here yet.</p>");
        else
        {
            html.Append("<table><thead><tr><th>#</th><th>User</th><th>Submission</th><th>Score (mean ± 95% CI)</th><th class=\"bar\">")
                .Append(Axis()).Append("</th><th>Episodes</th><th>Medals</th></tr></thead><tbody>");
            foreach (var row in board.Rows) Row(html, row);
            html.Append("</tbody></table>");
        }
        if (otherBoards.Count > 0)
            html.Append("<p class=\"meta\">Other boards: ").Append(Encode(string.Join(" · ", otherBoards))).Append("</p>");
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, LeaderboardRow row)
    {
        var podium = row.Rank <= 3 ? $" class=\"p{row.Rank}\"" : "";
        html.Append("<tr><td").Append(podium).Append("><span class=\"rank\">").Append(row.Rank).Append("</span></td>")
            .Append("<td class=\"user\">").Append(Encode(row.Username)).Append("</td><td><div class=\"name\">").Append(Encode(row.Name)).Append("</div><div class=\"id\">")
            .Append(Encode(row.SubmissionId)).Append("</div>");
        foreach (var tag in row.Tags) html.Append("<span class=\"tag\">").Append(Encode(tag)).Append("</span>");
        html.Append("</td><td class=\"num\"><b>").Append(F(row.MeanScore)).Append("</b>")
            .Append(row.ScoreCi95 is { } ci ? $" <span class=\"ci\">± {F(ci)}</span>" : " <span class=\"ci\">± n/a</span>").Append("</td>")
            .Append("<td class=\"bar\">").Append(Bar(row)).Append("</td><td class=\"num\">").Append(row.Episodes).Append("</td><td>")
            .Append(Medal("gold", row.Gold)).Append(Medal("silver", row.Silver)).Append(Medal("bronze", row.Bronze));
        if (row.Gold + row.Silver + row.Bronze == 0) html.Append("<span class=\"none\">—</span>");
        html.Append("</td></tr>");
    }

    private static string Bar(LeaderboardRow row)
    {
        var x = Scale(row.MeanScore);
        var svg = new StringBuilder($"<svg width=\"{BarWidth}\" height=\"18\" viewBox=\"0 0 {BarWidth} 18\" role=\"img\" aria-label=\"{F(row.MeanScore)}\">");
        svg.Append($"<rect x=\"0\" y=\"4\" width=\"{BarWidth}\" height=\"10\" rx=\"3\" fill=\"#eef1f5\"/>");
        svg.Append($"<rect x=\"0\" y=\"4\" width=\"{x:0.#}\" height=\"10\" rx=\"3\" fill=\"#3b82f6\"/>");
        if (row.ScoreCi95 is { } ci)
        {
            var lo = Scale(row.MeanScore - ci);
            var hi = Scale(row.MeanScore + ci);
            svg.Append($"<line x1=\"{lo:0.#}\" x2=\"{hi:0.#}\" y1=\"9\" y2=\"9\" stroke=\"#1e293b\" stroke-width=\"1.5\"/>")
               .Append($"<line x1=\"{lo:0.#}\" x2=\"{lo:0.#}\" y1=\"5\" y2=\"13\" stroke=\"#1e293b\" stroke-width=\"1.5\"/>")
               .Append($"<line x1=\"{hi:0.#}\" x2=\"{hi:0.#}\" y1=\"5\" y2=\"13\" stroke=\"#1e293b\" stroke-width=\"1.5\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Axis()
    {
        var svg = new StringBuilder($"<svg width=\"{BarWidth}\" height=\"14\" viewBox=\"0 0 {BarWidth} 14\">");
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            var anchor = tick == 0 ? "start" : tick == 1 ? "end" : "middle";
            svg.Append($"<text x=\"{Scale(tick):0.#}\" y=\"11\" font-size=\"10\" text-anchor=\"{anchor}\" fill=\"#64748b\">{tick.ToString("0.##", CultureInfo.InvariantCulture)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static double Scale(double score) => Math.Clamp(score, 0, 1) * BarWidth;

    private static string Medal(string kind, int count) =>
        count == 0 ? "" : $"<span class=\"medal {kind}\" title=\"{kind}\">{count}</span>";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
        header{background:#0f172a;color:#fff;padding:18px 32px}h1{margin:0;font-size:20px}.sub{margin:2px 0 0;color:#cbd5e1;font-size:16px}
        main{padding:18px 32px}.meta{color:#475569;margin:4px 0 12px}.empty{color:#64748b;font-style:italic}
        table{border-collapse:collapse;background:#fff;box-shadow:0 1px 3px rgba(15,23,42,.08);border-radius:8px;overflow:hidden}
        th{text-align:left;font-weight:600;color:#334155;background:#f1f5f9;padding:8px 12px;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
        td{padding:8px 12px;border-top:1px solid #e2e8f0;vertical-align:middle}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        .rank{display:inline-block;min-width:26px;height:26px;line-height:26px;text-align:center;border-radius:13px;background:#e2e8f0;font-weight:700}
        .p1 .rank{background:#facc15}.p2 .rank{background:#cbd5e1}.p3 .rank{background:#f59e0b;color:#fff}
        .user{font-weight:600}.name{font-weight:500}.id{color:#94a3b8;font-size:11px;font-family:ui-monospace,monospace}
        .tag{display:inline-block;margin:2px 4px 0 0;padding:0 6px;border-radius:9px;background:#e0e7ff;color:#3730a3;font-size:11px}
        .ci{color:#64748b}.bar{padding-top:4px;padding-bottom:4px}
        .medal{display:inline-block;min-width:20px;height:20px;line-height:20px;margin-right:4px;text-align:center;border-radius:10px;font-size:12px;font-weight:700}
        .gold{background:#facc15;color:#713f12}.silver{background:#cbd5e1;color:#1e293b}.bronze{background:#d97706;color:#fff}.none{color:#94a3b8}
        """;
}

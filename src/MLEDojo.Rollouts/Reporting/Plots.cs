using System.Globalization;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>The report's charts. Position scores live in [0, 1], so every score axis is fixed to it and charts compare at a glance.</summary>
public static class Plots
{
    public static readonly IReadOnlyDictionary<string, string> MedalColors = new Dictionary<string, string>
    {
        ["gold"] = "#d4a017", ["silver"] = "#9aa5b1", ["bronze"] = "#b0703a", ["none"] = "#5b7db1",
    };

    private static readonly string[] AgentColors = ["#3b6fb6", "#d1603d", "#3a9a5b", "#8e5bb5", "#c44e89", "#6b7b3a"];

    public static string AgentColor(int index) => AgentColors[index % AgentColors.Length];

    /// <summary>Mean best position score per (competition, agent) as horizontal bars on [0, 1], with ±1 SEM whiskers.</summary>
    public static string Overview(IReadOnlyList<GroupStats> groups, IReadOnlyList<string> agents)
    {
        const double left = 320, top = 8, row = 24, plotWidth = 560, axis = 30;
        var svg = new Svg(left + plotWidth + 70, top + groups.Count * row + axis);
        var bottom = top + groups.Count * row;
        for (var t = 0; t <= 4; t++)
        {
            var x = left + plotWidth * t / 4.0;
            svg.Line(x, top, x, bottom, t == 0 ? "#888" : "#eee").Text(x, bottom + 14, F(t / 4.0), "middle", 10);
        }
        svg.Text(left + plotWidth / 2, bottom + 27, "best position score (mean ± SEM)", "middle", 10, "#666");
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var y = top + i * row;
            var color = AgentColor(IndexOf(agents, g.Agent));
            var label = agents.Count > 1 ? $"{Short(g.Competition)} · {g.Agent}" : Short(g.Competition);
            svg.Text(left - 8, y + row / 2 + 4, label, "end", 11, "#333");
            var width = plotWidth * (double.IsNaN(g.MeanBestPosition) ? 0 : g.MeanBestPosition);
            svg.Rect(left, y + 4, width, row - 8, color, $"{g.Competition} · {g.Agent}: {F(g.MeanBestPosition)} ± {F(g.SemBestPosition)} over {g.Episodes} episodes");
            if (!double.IsNaN(g.SemBestPosition) && g.SemBestPosition > 0)
            {
                var (lo, hi) = (left + plotWidth * Math.Max(0, g.MeanBestPosition - g.SemBestPosition), left + plotWidth * Math.Min(1, g.MeanBestPosition + g.SemBestPosition));
                var mid = y + row / 2;
                svg.Line(lo, mid, hi, mid, "#222", 1.5).Line(lo, mid - 5, lo, mid + 5, "#222", 1.5).Line(hi, mid - 5, hi, mid + 5, "#222", 1.5);
            }
            svg.Text(left + width + 6 + plotWidth * (double.IsNaN(g.SemBestPosition) ? 0 : g.SemBestPosition), y + row / 2 + 4, F(g.MeanBestPosition), "start", 10, "#222");
        }
        return svg.ToString();
    }

    /// <summary>Histogram of episodes' best position scores (20 bins over [0, 1]) with every episode as a dot coloured by its medal.</summary>
    public static string Distribution(GroupStats group, string color)
    {
        const double left = 40, top = 10, plotWidth = 340, histHeight = 120, stripHeight = 34, bins = 20;
        var svg = new Svg(left + plotWidth + 16, top + histHeight + stripHeight + 34);
        var counts = new int[(int)bins];
        foreach (var r in group.Results) counts[Math.Min((int)bins - 1, (int)(r.BestPositionScore * bins))]++;
        var max = Math.Max(1, counts.Max());
        svg.Line(left, top + histHeight, left + plotWidth, top + histHeight, "#888");
        for (var t = 0; t <= max; t += Math.Max(1, max / 4))
        {
            var y = top + histHeight * (1 - t / (double)max);
            svg.Line(left, y, left + plotWidth, y, "#eee").Text(left - 6, y + 4, t.ToString(CultureInfo.InvariantCulture), "end", 10);
        }
        for (var b = 0; b < bins; b++)
        {
            var h = histHeight * counts[b] / max;
            svg.Rect(left + b * plotWidth / bins + 1, top + histHeight - h, plotWidth / bins - 2, h, color,
                $"{F(b / bins)}–{F((b + 1) / bins)}: {counts[b]} episodes");
        }
        var stripY = top + histHeight + stripHeight / 2 + 4;
        foreach (var r in group.Results)
        {
            var jitter = (StableHash(r.EpisodeId) % 1000 / 1000.0 - 0.5) * (stripHeight - 12);
            svg.Circle(left + plotWidth * r.BestPositionScore, stripY + jitter, 4, MedalColors[r.Medal ?? "none"],
                $"{r.EpisodeId}: best position score {F(r.BestPositionScore)}{(r.Medal is null ? "" : ", " + r.Medal)}", "fill-opacity=\"0.8\" stroke=\"#fff\" stroke-width=\"0.8\"");
        }
        for (var t = 0; t <= 4; t++)
            svg.Text(left + plotWidth * t / 4, top + histHeight + stripHeight + 20, F(t / 4.0), "middle", 10);
        svg.Text(left + plotWidth / 2, top + histHeight + stripHeight + 32, "best position score", "middle", 10, "#666");
        return svg.ToString();
    }

    /// <summary>Each episode's best position score after each step (thin), and their mean (bold).</summary>
    public static string BestAgainstSteps(GroupStats group, string color)
    {
        const double left = 40, top = 10, plotWidth = 340, plotHeight = 150;
        var steps = Math.Max(1, group.Results.Max(r => r.BestAfterStep.Count));
        var svg = new Svg(left + plotWidth + 16, top + plotHeight + 36);
        ScoreAxis(svg, left, top, plotHeight, left + plotWidth);
        double X(int step) => left + plotWidth * step / steps;
        double Y(double score) => top + plotHeight * (1 - score);
        foreach (var r in group.Results)
            svg.Polyline(r.BestAfterStep.Select((s, i) => (X(i + 1), Y(s))).Prepend((X(0), Y(0))), color, 1.2, "stroke-opacity=\"0.25\"");
        var mean = Enumerable.Range(0, steps)
            .Select(i => group.Results.Average(r => r.BestAfterStep.Count == 0 ? 0 : r.BestAfterStep[Math.Min(i, r.BestAfterStep.Count - 1)]))
            .ToArray();
        svg.Polyline(mean.Select((s, i) => (X(i + 1), Y(s))).Prepend((X(0), Y(0))), color, 3);
        for (var i = 0; i < mean.Length; i++) svg.Circle(X(i + 1), Y(mean[i]), 3, color, $"after step {i + 1}: mean best {F(mean[i])}");
        for (var s = 0; s <= steps; s++) svg.Text(X(s), top + plotHeight + 14, s.ToString(CultureInfo.InvariantCulture), "middle", 10);
        svg.Text(left + plotWidth / 2, top + plotHeight + 28, "step", "middle", 10, "#666");
        return svg.ToString();
    }

    /// <summary>A horizontal bar of gold, silver, bronze and no-medal shares.</summary>
    public static string MedalBar(GroupStats g)
    {
        const double width = 340, height = 16;
        var svg = new Svg(width, height);
        var x = 0.0;
        foreach (var (medal, share) in new[] { ("gold", g.GoldRate), ("silver", g.SilverRate), ("bronze", g.BronzeRate), ("none", 1 - g.AnyMedalRate) })
        {
            svg.Rect(x, 0, width * share, height, MedalColors[medal], $"{medal}: {share:P0}");
            x += width * share;
        }
        return svg.ToString();
    }

    private static void ScoreAxis(Svg svg, double left, double top, double height, double right)
    {
        for (var t = 0; t <= 4; t++)
        {
            var y = top + height * (1 - t / 4.0);
            svg.Line(left, y, right, y, t == 0 ? "#888" : "#eee").Text(left - 6, y + 4, F(t / 4.0), "end", 10);
        }
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and a report must draw the same dots every time.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value) => Math.Max(0, list.ToList().IndexOf(value));

    private static string Short(string name) => name.Length <= 28 ? name : name[..26] + "…";

    public static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);
}

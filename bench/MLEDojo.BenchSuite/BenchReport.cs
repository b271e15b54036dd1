using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLEDojo.BenchSuite;

/// <summary>A whole <c>dojo bench</c> run: when, where, how, and every figure's rows.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    bool Quick,
    string CommandLine,
    MachineFacts Machine,
    IReadOnlyList<FigureResult> Figures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Whether a figure could not run (an error, not a goal missed): dojo bench then exits non-zero.</summary>
    public bool AnyFigureFailed => Figures.Any(f => f.Error is not null);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A Markdown table: one line per row, the figure's number first, so it pastes into docs/BENCHMARKS.md.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"dojo bench{(Quick ? " --quick" : "")}, {StartedAt:yyyy-MM-dd HH:mm} UTC, {Elapsed.TotalSeconds:F0} s; " +
            $"{Machine.ProcessorCount} cores{(Machine.CpuModel is { } cpu ? $" ({cpu})" : "")}, load average at start {Format(Machine.LoadAverageAtStart)}");
        text.AppendLine();
        text.AppendLine("| # | measure | value | limit (same run) | ratio | goal | met |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var figure in Figures)
        {
            if (figure.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.Number} | {figure.Title} | **did not run**: {Escape(figure.Error)} | | | | |");
                continue;
            }
            foreach (var row in figure.Rows)
            {
                var limit = row.LimitValue is { } value ? $"{Format(value)} {row.LimitUnit ?? row.Unit} ({row.Limit})" : row.Limit ?? "";
                var ratio = row.Ratio is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "";
                var met = row.GoalMet switch { true => "yes", false => "**no**", null => "" };
                text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.Number} | {Escape(row.Measure)} | {Format(row.Value)} {row.Unit} | {Escape(limit)} | {ratio} | {Escape(row.Goal ?? "")} | {met} |");
            }
            if (figure.Note is not null) text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.Number} | note: {Escape(figure.Note)} | | | | | |");
        }
        return text.ToString();
    }

    private static string Format(double? value) => value switch
    {
        null => "?",
        >= 1000 => value.Value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}

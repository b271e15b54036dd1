using System.Globalization;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>The summary table's columns and cells, shared by the Markdown and HTML reports so both say the same.</summary>
public static class ReportRows
{
    public static readonly IReadOnlyList<string> Header =
        ["competition", "agent", "episodes", "best position score (mean ± SEM)", "gold", "silver", "bronze", "any medal", "valid submission", "steps (mean)", "time (mean)"];

    public static IReadOnlyList<string> Cells(GroupStats g) =>
    [
        g.Competition, g.Agent, g.Episodes.ToString(CultureInfo.InvariantCulture),
        $"{Plots.F(g.MeanBestPosition)} ± {Plots.F(g.SemBestPosition)}",
        Percent(g.GoldRate), Percent(g.SilverRate), Percent(g.BronzeRate), Percent(g.AnyMedalRate), Percent(g.ValidSubmissionRate),
        g.MeanSteps.ToString("0.0", CultureInfo.InvariantCulture), Duration(g.MeanSeconds),
    ];

    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Duration(double seconds) => double.IsNaN(seconds) ? "–"
        : seconds < 120 ? seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : (seconds / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min";
}

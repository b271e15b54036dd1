using System.Globalization;
using MLEDojo.BenchSuite.Scoring;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 4: scoring a shuffled submission (binary ROC AUC; 10-class log loss) with the grid's scorer, in this
/// process, against the MLE-Dojo way (pandas read_csv + scikit-learn, python_score.py) in a child process, both on
/// the same files in the same run. The goal reads on the steady state: a silo scores many submissions per process.
/// </summary>
public sealed class ScoringFigure(ScoringFigure.Sizes? sizes = null) : IBenchFigure
{
    /// <param name="Warmups">Unmeasured scorings after the cold one, on both sides.</param>
    /// <param name="Repeats">Scorings after the warmups; each side reports their median.</param>
    public sealed record Sizes(int Rows, int Warmups, int Repeats)
    {
        public static Sizes Quick { get; } = new(100_000, 2, 3);
        public static Sizes Full { get; } = new(1_000_000, 4, 5);
    }

    public const double GoalSpeedUp = 5;

    public int Number => 4;

    public string Title => "scoring a submission vs the MLE-Dojo Python path (pandas + scikit-learn)";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        var jobs = new (string Title, string Kind, Func<(string Directory, string Submission)> Make)[]
        {
            ("binary AUC", "auc", () => SyntheticCompetition.BinaryAuc(context.WorkDirectory, size.Rows, seed: 1)),
            ($"{SyntheticCompetition.Classes}-class log loss", "logloss", () => SyntheticCompetition.MulticlassLogLoss(context.WorkDirectory, size.Rows, seed: 2)),
        };
        var rows = new List<FigureRow>();
        foreach (var job in jobs)
        {
            var (directory, submission) = await Task.Run(job.Make, cancellationToken);
            var dotnet = await Task.Run(() => DotnetScoring.Measure(directory, submission, size.Warmups, size.Repeats), cancellationToken);
            var python = await PythonScoring.RunAsync(job.Kind, size.Warmups, size.Repeats, directory, submission, cancellationToken);
            context.Log.WriteLine($"[4] {job.Title}: .NET {dotnet.Seconds:F3} s (cold {dotnet.SecondsCold:F3} s), Python {python.Seconds:F3} s (cold {python.SecondsCold:F3} s)");
            rows.AddRange(Rows($"{job.Title}, {size.Rows:N0} rows", dotnet, python));
        }
        return new FigureResult(Number, Title, rows, TimeSpan.Zero,
            Note: $"steady state: median of {size.Repeats} scorings after {size.Warmups} unmeasured ones, answers cached; cold: answers read + first scoring; Python is {PythonScoring.Interpreter}");
    }

    /// <summary>The scorer's seconds against Python's, steady and cold; the same scores, or the comparison is void.</summary>
    public static IEnumerable<FigureRow> Rows(string job, ScoringMeasurement dotnet, ScoringMeasurement python)
    {
        if (Math.Abs(dotnet.Score - python.Score) > 1e-6 * Math.Max(1, Math.Abs(python.Score)))
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{job}: the grid scored {dotnet.Score:R}, scikit-learn {python.Score:R}; a speed-up between different answers means nothing."));
        var speedUp = python.Seconds / dotnet.Seconds;
        yield return new FigureRow($"{job}: scoring seconds, steady state", dotnet.Seconds, "s", "pandas + scikit-learn, steady state", python.Seconds, "s",
            $"≥ {GoalSpeedUp}× faster (ratio ≤ {1 / GoalSpeedUp:0.##})", speedUp >= GoalSpeedUp);
        yield return new FigureRow($"{job}: scoring seconds, cold", dotnet.SecondsCold, "s", "pandas + scikit-learn, cold", python.SecondsCold, "s");
    }
}

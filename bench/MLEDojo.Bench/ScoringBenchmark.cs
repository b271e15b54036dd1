using System.Globalization;
using System.Text.Json;
using MLEDojo.BenchSuite.Scoring;

namespace MLEDojo.Bench;

/// <summary>
/// Scores a 1,000,000-row binary AUC submission and a 1,000,000-row 10-class log-loss submission, each in a
/// fresh process (so peak memory is that job's alone), beside the same job done the MLE-Dojo way (pandas
/// read_csv + scikit-learn on Debian's /usr/bin/python3), and prints a Markdown table.
/// </summary>
internal static class ScoringBenchmark
{
    private const int Warmups = 4;
    private const int WarmRepeats = 5;

    public static int ScoreOnce(string directory, string submission)
    {
        Console.WriteLine(JsonSerializer.Serialize(DotnetScoring.Measure(directory, submission, Warmups, WarmRepeats)));
        return 0;
    }

    public static int Run(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var runs = Option(args, "--runs", 3);
        var work = args.SkipWhile(a => a != "--work").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "mledojo-bench");
        Directory.CreateDirectory(work);

        Console.Error.WriteLine($"generating {rows:N0}-row competitions under {work} ...");
        var jobs = new[]
        {
            ("binary AUC", "auc", SyntheticCompetition.BinaryAuc(work, rows, seed: 1)),
            ($"{SyntheticCompetition.Classes}-class log loss", "logloss", SyntheticCompetition.MulticlassLogLoss(work, rows, seed: 2)),
        };

        Console.WriteLine($"| job | rows | submission | engine | score | seconds (steady state: median of 5 repeats after 4 warmups, answers cached) | rows/s | seconds (cold: new process, answers read) | peak RSS (cold: one scoring, new process) | peak RSS / file |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (title, kind, (directory, submission)) in jobs)
        {
            var size = new FileInfo(submission).Length;
            var dotnet = Median(runs, () => ScoringMeasurement.OfProcessAsync("dotnet", [typeof(ScoringBenchmark).Assembly.Location, "score-once", directory, submission], CancellationToken.None).GetAwaiter().GetResult());
            var python = Median(runs, () => PythonScoring.RunAsync(kind, Warmups, WarmRepeats, directory, submission, CancellationToken.None).GetAwaiter().GetResult());
            Row(title, rows, size, "MLEDojo.Orleans (.NET)", dotnet);
            Row(title, rows, size, "MLE-Dojo way (pandas + scikit-learn)", python);
            Console.WriteLine($"| {title} | | | **speed-up** | | **{python.Seconds / dotnet.Seconds:0.0}×** | | **{python.SecondsCold / dotnet.SecondsCold:0.0}×** | | |");
        }
        return 0;
    }

    private static void Row(string title, int rows, long size, string engine, ScoringMeasurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {title} | {rows:N0} | {Mb(size)} | {engine} | {m.Score:0.######} | {m.Seconds:0.000} | {rows / m.Seconds:N0} | {m.SecondsCold:0.000} | {Mb(m.PeakRssBytes)} | {m.PeakRssBytes / (double)size:0.00} |"));

    private static ScoringMeasurement Median(int runs, Func<ScoringMeasurement> run)
    {
        var results = Enumerable.Range(0, runs).Select(_ => run()).OrderBy(m => m.Seconds).ToArray();
        return results[results.Length / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}

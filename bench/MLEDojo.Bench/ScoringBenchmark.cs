using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Bench;

/// <summary>
/// Scores a 1,000,000-row binary AUC submission and a 1,000,000-row 10-class log-loss submission, each in a
/// fresh process (so peak memory is that job's alone), beside the same job done the MLE-Dojo way (pandas
/// read_csv + scikit-learn on Debian's /usr/bin/python3), and prints a Markdown table.
/// </summary>
internal static class ScoringBenchmark
{
    private const int WarmRepeats = 5;

    private sealed record Measurement(double Score, double Seconds, double SecondsCold, long PeakRssBytes, long BaselineRssBytes);

    public static int ScoreOnce(string directory, string submission)
    {
        var baseline = ProcessMemory.ResidentBytes();
        var cold = Stopwatch.StartNew();
        var scorer = CompetitionScorer.Create(CompetitionLoader.Load(directory));
        var report = scorer.Score(submission);
        cold.Stop();
        // Peak memory is that of one scoring job (answers + one submission), taken before the warm run below.
        var peakCold = ProcessMemory.PeakResidentBytes();
        // A silo scores many submissions per process: its steady state is the median of the next scorings, answers
        // cached and code compiled (Python's side likewise reports the median of the same number of repeats).
        var warm = new double[WarmRepeats];
        for (var i = 0; i < warm.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            report = scorer.Score(submission);
            warm[i] = clock.Elapsed.TotalSeconds;
        }
        if (!report.Valid) throw new InvalidOperationException($"benchmark submission rejected: {report.Error}");
        Console.WriteLine(JsonSerializer.Serialize(new Measurement(report.RawScore!.Value, warm.Order().ElementAt(warm.Length / 2),
            cold.Elapsed.TotalSeconds, peakCold, baseline)));
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

        Console.WriteLine($"| job | rows | submission | engine | score | seconds (steady state: median of 5 repeats, answers cached) | rows/s | seconds (cold: new process, answers read) | peak RSS (cold: one scoring, new process) | peak RSS / file |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (title, kind, (directory, submission)) in jobs)
        {
            var size = new FileInfo(submission).Length;
            var dotnet = Median(runs, () => Child("dotnet", [typeof(ScoringBenchmark).Assembly.Location, "score-once", directory, submission]));
            var python = Median(runs, () => Child("/usr/bin/python3",
                [Path.Combine(AppContext.BaseDirectory, "python_score.py"), kind, WarmRepeats.ToString(CultureInfo.InvariantCulture), Path.Combine(directory, "data", "private", "test_answer.csv"), submission]));
            Row(title, rows, size, "MLEDojo.Orleans (.NET)", dotnet);
            Row(title, rows, size, "MLE-Dojo way (pandas + scikit-learn)", python);
            Console.WriteLine($"| {title} | | | **speed-up** | | **{python.Seconds / dotnet.Seconds:0.0}×** | | **{python.SecondsCold / dotnet.SecondsCold:0.0}×** | | |");
        }
        return 0;
    }

    private static void Row(string title, int rows, long size, string engine, Measurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {title} | {rows:N0} | {Mb(size)} | {engine} | {m.Score:0.######} | {m.Seconds:0.000} | {rows / m.Seconds:N0} | {m.SecondsCold:0.000} | {Mb(m.PeakRssBytes)} | {m.PeakRssBytes / (double)size:0.00} |"));

    private static Measurement Median(int runs, Func<Measurement> run)
    {
        var results = Enumerable.Range(0, runs).Select(_ => run()).OrderBy(m => m.Seconds).ToArray();
        return results[results.Length / 2];
    }

    private static Measurement Child(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        double Get(string name, string alternative) =>
            root.TryGetProperty(name, out var v) ? v.GetDouble() : root.GetProperty(alternative).GetDouble();
        return new Measurement(Get("Score", "score"), Get("Seconds", "seconds"), Get("SecondsCold", "seconds_cold"),
            (long)Get("PeakRssBytes", "peak_rss_bytes"), root.TryGetProperty("BaselineRssBytes", out var b) ? b.GetInt64() : 0);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}

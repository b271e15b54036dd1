using System.Diagnostics;
using System.Text.Json;

namespace MLEDojo.BenchSuite.Scoring;

/// <summary>
/// One scoring job's result as a measuring process prints it (one JSON line): the score, the steady-state seconds
/// (median of repeats, answers cached), the cold seconds (answers read and the first scoring) and peak memory.
/// </summary>
public sealed record ScoringMeasurement(double Score, double Seconds, double SecondsCold, long PeakRssBytes, long BaselineRssBytes)
{
    /// <summary>Runs a measuring process to its end and reads its last line; PascalCase (.NET) or snake_case (Python) names.</summary>
    public static async Task<ScoringMeasurement> OfProcessAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed (exit code {process.ExitCode}): {await error}");
        return Parse((await output).Trim().Split('\n')[^1]);
    }

    public static ScoringMeasurement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        double Get(string name, string alternative) =>
            root.TryGetProperty(name, out var v) ? v.GetDouble() : root.GetProperty(alternative).GetDouble();
        return new ScoringMeasurement(Get("Score", "score"), Get("Seconds", "seconds"), Get("SecondsCold", "seconds_cold"),
            (long)Get("PeakRssBytes", "peak_rss_bytes"), root.TryGetProperty("BaselineRssBytes", out var b) ? b.GetInt64() : 0);
    }
}

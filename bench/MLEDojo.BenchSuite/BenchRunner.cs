using System.Diagnostics;

namespace MLEDojo.BenchSuite;

/// <summary>
/// Runs figures one after another (never together: each needs the machine to itself), each with its own scratch
/// folder and time limit. A figure that throws or overruns is reported as not run; the others still run.
/// </summary>
public sealed class BenchRunner(TextWriter log, DojoCommand dojo)
{
    /// <summary>The longest one figure may take; a quick run is meant to fit CI's five minutes for the whole suite.</summary>
    public static TimeSpan FigureLimit(bool quick) => quick ? TimeSpan.FromSeconds(90) : TimeSpan.FromMinutes(15);

    public async Task<BenchReport> RunAsync(IReadOnlyList<IBenchFigure> figures, bool quick, string commandLine, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = MachineFacts.Capture();
        var whole = Stopwatch.StartNew();
        var results = new List<FigureResult>();
        foreach (var figure in figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.WriteLine($"[{figure.Number}] {figure.Title} …");
            results.Add(await RunOneAsync(figure, quick, cancellationToken));
        }
        return new BenchReport(startedAt, whole.Elapsed, quick, commandLine, machine, results);
    }

    private async Task<FigureResult> RunOneAsync(IBenchFigure figure, bool quick, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory($"dojo-bench-{figure.Number}-");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(FigureLimit(quick));
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await figure.RunAsync(new BenchContext(quick, scratch.FullName, dojo, log), limit.Token);
            return result with { Elapsed = clock.Elapsed };
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FigureResult.Failed(figure, clock.Elapsed, $"over its limit of {FigureLimit(quick).TotalSeconds:F0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.WriteLine($"[{figure.Number}] failed: {e}");
            return FigureResult.Failed(figure, clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the folder is under the temp root either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

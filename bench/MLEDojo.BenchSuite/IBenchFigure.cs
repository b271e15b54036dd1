namespace MLEDojo.BenchSuite;

/// <summary>
/// One figure of <c>dojo bench</c>. A figure measures something of the grid and, in the same run, the physical
/// limit it is compared with, because the machines it runs on are shared and noisy: a ratio taken in one run
/// survives noise that absolute numbers do not.
/// </summary>
public interface IBenchFigure
{
    /// <summary>The figure's number in issue 10 and docs/BENCHMARKS.md (1–8).</summary>
    int Number { get; }

    string Title { get; }

    Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken);
}

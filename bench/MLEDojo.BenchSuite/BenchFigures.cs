using MLEDojo.BenchSuite.Figures;

namespace MLEDojo.BenchSuite;

/// <summary>The figures of <c>dojo bench</c>, in the order they run and print.</summary>
public static class BenchFigures
{
    public static IReadOnlyList<IBenchFigure> All() =>
    [
        new ClientThroughputFigure(),
        new GatewayThroughputFigure(),
        new SandboxOverheadFigure(),
        new ScoringFigure(),
        new GpuQueueFigure(),
        new DataSelectThroughputFigure(),
    ];

    /// <summary>
    /// The figures <c>--only</c> names ("1,3"), in the suite's order; all of them for an empty selection. A number
    /// that is not a figure is refused with the list of those that are.
    /// </summary>
    public static IReadOnlyList<IBenchFigure> Select(IReadOnlyList<IBenchFigure> figures, string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return figures;
        var wanted = new HashSet<int>();
        foreach (var part in only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || figures.All(f => f.Number != number))
                throw new ArgumentException($"--only: no figure '{part}'; the figures are {string.Join(", ", figures.Select(f => f.Number))}.");
            wanted.Add(number);
        }
        if (wanted.Count == 0) throw new ArgumentException("--only names no figure; give numbers such as 1,3.");
        return figures.Where(f => wanted.Contains(f.Number)).ToArray();
    }
}

namespace MLEDojo.BenchSuite;

/// <summary>The figures of <c>dojo bench</c>, in the order they run and print.</summary>
public static class BenchFigures
{
    public static IReadOnlyList<IBenchFigure> All() =>
    [
    ];
}

namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// A Neumaier-compensated running sum. numpy sums pairwise (error about log2(n)·ε); a plain loop over a million
/// terms can drift near 1e-10 relative, while a compensated sum is at least as accurate as numpy's, so means stay
/// within 1e-12 of the exact value even at millions of rows.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public int Count { get; private set; }

    public void Add(double value)
    {
        var total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - total) + value : (value - total) + _sum;
        _sum = total;
        Count++;
    }

    public readonly double Sum => _sum + _compensation;

    public readonly double Mean => Sum / Count;
}

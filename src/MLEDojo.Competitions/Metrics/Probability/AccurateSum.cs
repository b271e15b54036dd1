namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Neumaier-compensated running sum. numpy sums pairwise (error about log2(n)·ε); a plain loop over a million
/// terms can drift near 1e-10 relative, so means are accumulated with compensation to stay well inside 1e-9.
/// </summary>
internal struct AccurateSum
{
    private double _sum;
    private double _compensation;

    public void Add(double value)
    {
        var total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - total) + value : (value - total) + _sum;
        _sum = total;
    }

    public readonly double Value => _sum + _compensation;
}

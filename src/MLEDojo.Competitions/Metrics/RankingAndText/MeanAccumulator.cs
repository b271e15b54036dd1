namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// A compensated (Neumaier) running sum. numpy's <c>mean</c> sums pairwise, which is accurate to a few ulps;
/// a compensated sum is at least as accurate, so both land within 1e-12 of the exact mean even at millions of rows.
/// </summary>
internal struct MeanAccumulator
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

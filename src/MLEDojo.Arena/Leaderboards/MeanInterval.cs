namespace MLEDojo.Arena.Leaderboards;

/// <summary>A sample's mean and the half-width of its 95% confidence interval (Student's t; null below two values).</summary>
public sealed record MeanInterval(double Mean, double? Ci95, int N)
{
    // Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; past 30 the normal 1.96 is within 2%.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static MeanInterval Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("A mean needs at least one value.", nameof(values));
        var mean = values.Average();
        if (values.Count < 2) return new MeanInterval(mean, null, 1);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var df = values.Count - 1;
        var t = df <= T975.Length ? T975[df - 1] : 1.96;
        return new MeanInterval(mean, t * Math.Sqrt(variance / values.Count), values.Count);
    }

    /// <summary>
    /// The mean of several independent means (a competition set's score: every competition weighs the same), with
    /// their half-widths combined as independent errors; unknown when any part's is.
    /// </summary>
    public static MeanInterval OfMeans(IReadOnlyList<MeanInterval> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("A mean needs at least one part.", nameof(parts));
        var mean = parts.Average(p => p.Mean);
        double? ci = parts.All(p => p.Ci95 is not null) ? Math.Sqrt(parts.Sum(p => p.Ci95!.Value * p.Ci95.Value)) / parts.Count : null;
        return new MeanInterval(mean, ci, parts.Sum(p => p.N));
    }
}

namespace MLEDojo.Rollouts.Reporting;

public static class Statistics
{
    public static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Standard error of the mean: the sample standard deviation (n − 1) over √n; undefined (NaN) below two values.</summary>
    public static double StandardError(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2) return double.NaN;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }
}

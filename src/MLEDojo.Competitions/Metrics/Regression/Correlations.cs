namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// Pearson, Spearman and Kendall correlations as scipy computes them. Each returns NaN where scipy does
/// (a constant input, fewer than two values) and leaves the caller to decide what that means.
/// </summary>
internal static class Correlations
{
    /// <summary><c>scipy.stats.pearsonr</c>: centred dot product over the product of norms, clipped to [-1, 1].</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (n < 2 || IsConstant(x) || IsConstant(y)) return double.NaN;
        // scipy answers exactly ±1 for two points rather than going through the arithmetic.
        if (n == 2) return Math.Sign(x[1] - x[0]) * Math.Sign(y[1] - y[0]);
        return CenteredCorrelation(x, y);
    }

    /// <summary><c>scipy.stats.spearmanr</c>: Pearson correlation of average ranks (ties share their mean rank).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length < 2 || IsConstant(x) || IsConstant(y)) return double.NaN;
        return CenteredCorrelation(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>
    /// <c>scipy.stats.kendalltau</c> (tau-b): (concordant - discordant) over the tie-corrected pair counts, with
    /// discordant pairs counted as inversions after sorting by (x, y), in O(n log n).
    /// </summary>
    public static double Kendall(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (n < 2) return double.NaN;
        var pairs = new (double X, double Y)[n];
        for (var i = 0; i < n; i++) pairs[i] = (x[i], y[i]);
        Array.Sort(pairs);
        var ys = new double[n];
        for (var i = 0; i < n; i++) ys[i] = pairs[i].Y;

        long xTies = 0, jointTies = 0;
        for (int start = 0, end; start < n; start = end)
        {
            end = start + 1;
            while (end < n && pairs[end].X == pairs[start].X) end++;
            xTies += TiePairs(end - start);
        }
        for (int start = 0, end; start < n; start = end)
        {
            end = start + 1;
            while (end < n && pairs[end].X == pairs[start].X && pairs[end].Y == pairs[start].Y) end++;
            jointTies += TiePairs(end - start);
        }
        var discordant = InversionCounter.Count(ys, new double[n]);
        long yTies = 0;
        for (int start = 0, end; start < n; start = end)
        {
            end = start + 1;
            while (end < n && ys[end] == ys[start]) end++;
            yTies += TiePairs(end - start);
        }
        var total = (long)n * (n - 1) / 2;
        if (xTies == total || yTies == total) return double.NaN;
        var concordantMinusDiscordant = total - xTies - yTies + jointTies - 2 * discordant;
        var tau = concordantMinusDiscordant / Math.Sqrt(total - xTies) / Math.Sqrt(total - yTies);
        return Math.Clamp(tau, -1.0, 1.0);
    }

    /// <summary><c>scipy.stats.rankdata(method="average")</c>: 1-based ranks, ties get the mean of their positions.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var keys = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (int start = 0, end; start < n; start = end)
        {
            end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            var rank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++) ranks[order[i]] = rank;
        }
        return ranks;
    }

    private static double CenteredCorrelation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var meanX = NumpySum.Mean(x);
        var meanY = NumpySum.Mean(y);
        var products = new double[n];
        var squaresX = new double[n];
        var squaresY = new double[n];
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            products[i] = dx * dy;
            squaresX[i] = dx * dx;
            squaresY[i] = dy * dy;
        }
        var r = NumpySum.Sum(products) / Math.Sqrt(NumpySum.Sum(squaresX)) / Math.Sqrt(NumpySum.Sum(squaresY));
        return Math.Clamp(r, -1.0, 1.0);
    }

    private static long TiePairs(long count) => count * (count - 1) / 2;

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
            if (value != values[0]) return false;
        return true;
    }
}

namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// Sums and means in the order numpy's <c>np.add.reduce</c> uses for a contiguous float64 array (pairwise summation
/// in blocks of 128 with eight accumulators), so means match <c>np.mean</c> / <c>np.average</c> bit for bit
/// rather than to a few ulps, and do not drift like a naive running sum over a million rows.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> values) =>
        values.Length == 0 ? 0.0 : Pairwise(values);

    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    private static double Pairwise(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            // numpy starts this branch from -0.0 so that a sum of negative zeros stays negative.
            var sum = -0.0;
            for (var i = 0; i < n; i++) sum += a[i];
            return sum;
        }
        if (n <= BlockSize)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) result += a[i];
            return result;
        }
        var half = n / 2;
        half -= half % 8;
        return Pairwise(a[..half]) + Pairwise(a[half..]);
    }
}

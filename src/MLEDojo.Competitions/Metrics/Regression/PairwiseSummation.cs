namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// Sums doubles the way numpy's <c>add.reduce</c> does for a contiguous float64 array (pairwise summation with
/// eight accumulators below 128 elements), so means agree with <c>np.mean</c> to the last bits rather than
/// drifting like a naive running sum does over a million rows.
/// </summary>
internal static class PairwiseSummation
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> values)
    {
        if (values.Length < 8)
        {
            var total = 0.0;
            foreach (var value in values) total += value;
            return total;
        }
        if (values.Length <= BlockSize)
        {
            double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            var i = 8;
            for (; i < values.Length - values.Length % 8; i += 8)
            {
                r0 += values[i]; r1 += values[i + 1]; r2 += values[i + 2]; r3 += values[i + 3];
                r4 += values[i + 4]; r5 += values[i + 5]; r6 += values[i + 6]; r7 += values[i + 7];
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < values.Length; i++) result += values[i];
            return result;
        }
        var half = values.Length / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;
}

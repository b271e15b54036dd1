using System.Runtime.CompilerServices;

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Finite doubles as unsigned integers that compare as the doubles do, sorted by an in-place radix sort: about three
/// times faster than the comparison sort of doubles it replaced (the AUC's main cost), and, unlike an LSD radix
/// sort, it needs no second buffer as large as the keys.
/// </summary>
internal static class OrderedKeys
{
    /// <summary>
    /// The key of a finite (non-NaN) double. -0.0 becomes 0.0 first, so that equal doubles get equal keys: the area
    /// counts ties by key equality. Positive doubles keep their bit order with the sign bit set above every negative;
    /// negative ones are inverted, because a larger magnitude is the smaller number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (long)bits < 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    // Below this a bucket's 256 counters cost more than a comparison sort of it.
    private const int SmallSortRows = 64;

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending in place (MSD radix, "American flag" permutation). Digits start at the
    /// highest bit on which the keys differ, because scores share their top bits (sign, most of the exponent) and a
    /// digit there would not split them.
    /// </summary>
    public static void SortInPlace(Span<ulong> keys)
    {
        if (keys.Length < 2) return;
        ulong min = ulong.MaxValue, max = 0;
        foreach (var key in keys)
        {
            if (key < min) min = key;
            if (key > max) max = key;
        }
        if (min == max) return;
        var highest = 63 - System.Numerics.BitOperations.LeadingZeroCount(min ^ max);
        SortFrom(keys, Math.Max(highest - 7, 0));
    }

    private static void SortFrom(Span<ulong> keys, int shift)
    {
        if (keys.Length <= SmallSortRows)
        {
            keys.Sort();
            return;
        }
        Span<int> starts = stackalloc int[257];
        Span<int> next = stackalloc int[256];
        starts.Clear();
        foreach (var key in keys) starts[(int)((key >> shift) & 0xFF) + 1]++;
        for (var b = 0; b < 256; b++) starts[b + 1] += starts[b];
        starts[..256].CopyTo(next);
        for (var b = 0; b < 256; b++)
        {
            var end = starts[b + 1];
            while (next[b] < end)
            {
                // Carry the key at the bucket's first unfilled slot to its own bucket until one belongs here.
                var key = keys[next[b]];
                int digit;
                while ((digit = (int)((key >> shift) & 0xFF)) != b)
                {
                    var slot = next[digit]++;
                    (key, keys[slot]) = (keys[slot], key);
                }
                keys[next[b]++] = key;
            }
        }
        if (shift == 0) return;
        // The last digit may overlap bits already sorted on; within a bucket those bits are equal, so that is harmless.
        var lower = Math.Max(shift - 8, 0);
        for (var b = 0; b < 256; b++)
            if (starts[b + 1] - starts[b] > 1) SortFrom(keys[starts[b]..starts[b + 1]], lower);
    }
}

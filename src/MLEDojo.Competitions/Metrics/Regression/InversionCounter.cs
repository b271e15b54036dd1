namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// Counts pairs i &lt; j with values[i] &gt; values[j] (equal values are not an inversion) by merge sort, in
/// O(n log n). Sorts <paramref name="values"/> in place; <c>scratch</c> must be at least as long.
/// </summary>
internal static class InversionCounter
{
    public static long Count(Span<double> values, Span<double> scratch)
    {
        if (values.Length < 2) return 0;
        var middle = values.Length / 2;
        var inversions = Count(values[..middle], scratch) + Count(values[middle..], scratch);
        var left = values[..middle];
        var right = values[middle..];
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            if (left[i] <= right[j])
                scratch[k++] = left[i++];
            else
            {
                inversions += left.Length - i;
                scratch[k++] = right[j++];
            }
        }
        while (i < left.Length) scratch[k++] = left[i++];
        while (j < right.Length) scratch[k++] = right[j++];
        scratch[..k].CopyTo(values);
        return inversions;
    }
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>numpy's <c>np.searchsorted</c> on an ascending array.</summary>
internal static class SearchSorted
{
    /// <summary><c>side="left"</c>: the first index whose value is ≥ <paramref name="value"/>.</summary>
    public static int Left(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1; else high = mid;
        }
        return low;
    }

    /// <summary><c>side="right"</c>: the first index whose value is &gt; <paramref name="value"/>.</summary>
    public static int Right(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value) low = mid + 1; else high = mid;
        }
        return low;
    }
}

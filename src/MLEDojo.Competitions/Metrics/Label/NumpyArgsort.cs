namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// numpy's default <c>np.argsort</c> (<c>kind="quicksort"</c>) for float64 as its portable C implementation does it:
/// introsort with median-of-three partitioning, insertion sort below 17 elements and heapsort past the depth limit.
/// It is not stable, so reproducing it step by step is the only way to order tied scores as numpy does. numpy builds
/// that dispatch argsort to x86-simd-sort's AVX-512 kernels (on CPUs that have them) order ties differently; no
/// portable code can follow those, so tied scores may differ from such an installation.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 16;

    /// <summary>Fills <paramref name="order"/> with the permutation that sorts <paramref name="values"/> ascending.</summary>
    public static void Sort(ReadOnlySpan<double> values, Span<int> order)
    {
        var n = values.Length;
        for (var i = 0; i < n; i++) order[i] = i;
        if (n < 2) return;
        Span<int> stack = stackalloc int[256];
        Span<int> depths = stackalloc int[128];
        var sp = 0;
        var dp = 0;
        int left = 0, right = n - 1;
        var depth = MostSignificantBit(n) * 2;
        while (true)
        {
            if (depth < 0)
            {
                HeapSort(values, order.Slice(left, right - left + 1));
            }
            else
            {
                while (right - left > SmallQuicksort)
                {
                    var middle = left + ((right - left) >> 1);
                    if (Less(values[order[middle]], values[order[left]])) Swap(order, middle, left);
                    if (Less(values[order[right]], values[order[middle]])) Swap(order, right, middle);
                    if (Less(values[order[middle]], values[order[left]])) Swap(order, middle, left);
                    var pivot = values[order[middle]];
                    var i = left;
                    var j = right - 1;
                    Swap(order, middle, j);
                    while (true)
                    {
                        do i++; while (Less(values[order[i]], pivot));
                        do j--; while (Less(pivot, values[order[j]]));
                        if (i >= j) break;
                        Swap(order, i, j);
                    }
                    Swap(order, i, right - 1);
                    if (i - left < right - i)
                    {
                        stack[sp++] = i + 1;
                        stack[sp++] = right;
                        right = i - 1;
                    }
                    else
                    {
                        stack[sp++] = left;
                        stack[sp++] = i - 1;
                        left = i + 1;
                    }
                    depths[dp++] = --depth;
                }
                for (var i = left + 1; i <= right; i++)
                {
                    var index = order[i];
                    var value = values[index];
                    var j = i;
                    while (j > left && Less(value, values[order[j - 1]]))
                    {
                        order[j] = order[j - 1];
                        j--;
                    }
                    order[j] = index;
                }
            }
            if (sp == 0) break;
            right = stack[--sp];
            left = stack[--sp];
            depth = depths[--dp];
        }
    }

    private static void HeapSort(ReadOnlySpan<double> values, Span<int> order)
    {
        // numpy's aheapsort works on a 1-based view of the slice.
        var n = order.Length;
        for (var l = n >> 1; l > 0; l--)
            SiftDown(values, order, l, n, order[l - 1]);
        while (n > 1)
        {
            var last = order[n - 1];
            order[n - 1] = order[0];
            n--;
            SiftDown(values, order, 1, n, last);
        }
    }

    private static void SiftDown(ReadOnlySpan<double> values, Span<int> order, int start, int n, int item)
    {
        int i = start, j = start << 1;
        while (j <= n)
        {
            if (j < n && Less(values[order[j - 1]], values[order[j]])) j++;
            if (Less(values[item], values[order[j - 1]]))
            {
                order[i - 1] = order[j - 1];
                i = j;
                j += j;
            }
            else break;
        }
        order[i - 1] = item;
    }

    // numpy's float ordering: NaN sorts after every number.
    private static bool Less(double a, double b) => a < b || (double.IsNaN(b) && !double.IsNaN(a));

    private static void Swap(Span<int> order, int a, int b) => (order[a], order[b]) = (order[b], order[a]);

    private static int MostSignificantBit(int n)
    {
        var bit = 0;
        while ((n >>= 1) != 0) bit++;
        return bit;
    }
}

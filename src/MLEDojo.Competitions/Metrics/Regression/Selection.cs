namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>Quickselect (Hoare partition, median-of-three pivot): expected linear time, in place.</summary>
internal static class Selection
{
    /// <summary>Reorders <paramref name="values"/> so index <paramref name="k"/> holds the k-th smallest value and returns it.</summary>
    public static double NthSmallest(double[] values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var mid = left + (right - left) / 2;
            if (values[mid] < values[left]) Swap(values, mid, left);
            if (values[right] < values[left]) Swap(values, right, left);
            if (values[right] < values[mid]) Swap(values, right, mid);
            var pivot = values[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) Swap(values, i++, j--);
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }

    private static void Swap(double[] values, int a, int b) => (values[a], values[b]) = (values[b], values[a]);
}

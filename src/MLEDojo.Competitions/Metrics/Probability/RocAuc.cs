using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Area under the ROC curve as scikit-learn's <c>roc_auc_score</c> computes it for a binary target: the ROC points
/// sit at each distinct score (tied scores move together, giving the diagonal step that counts a tie as half),
/// and the area is the trapezoidal sum over them. That doubled area is, for every negative row, twice the
/// positives scored above it plus the positives tied with it: counts of integers, exact in a double in any order,
/// so one division ends the computation.
/// </summary>
internal static class RocAuc
{
    private const int ParallelSortRows = 100_000;

    /// <summary>
    /// The AUC over the rows where <paramref name="keepRow"/> is true (all rows when null). With
    /// <paramref name="scoresAreScratch"/> the caller hands over <paramref name="scores"/>: the keys are then built
    /// and sorted in that array, leaving it overwritten, and no prediction-sized buffer is allocated.
    /// </summary>
    public static double Compute(bool[] isPositive, double[] scores, bool[]? keepRow = null, bool scoresAreScratch = false)
    {
        int positiveCount = 0, negativeCount = 0;
        if (keepRow is null)
        {
            // A bool is stored as the byte 1 or 0, and a vectorised count avoids a branch per random label.
            positiveCount = MemoryMarshal.Cast<bool, byte>(isPositive.AsSpan(0, scores.Length)).Count((byte)1);
            negativeCount = scores.Length - positiveCount;
        }
        else
            for (var i = 0; i < scores.Length; i++)
                if (keepRow[i])
                {
                    if (isPositive[i]) positiveCount++;
                    else negativeCount++;
                }
        // Each class is sorted on its own (no labels to carry, and the two halves sort on two cores), both in one
        // array: positives first, negatives after.
        ulong[]? ownKeys = null;
        if (scoresAreScratch) PartitionInPlace(isPositive, scores, keepRow, positiveCount);
        else
        {
            ownKeys = new ulong[positiveCount + negativeCount];
            int p = 0, n = positiveCount;
            for (var i = 0; i < scores.Length; i++)
            {
                if (keepRow is not null && !keepRow[i]) continue;
                if (isPositive[i]) ownKeys[p++] = OrderedKeys.Of(scores[i]);
                else ownKeys[n++] = OrderedKeys.Of(scores[i]);
            }
        }
        // Spans cannot be captured by the parallel sorts' lambdas, so each makes its own from the array.
        Span<ulong> Keys(int start, int length) => ownKeys is null
            ? MemoryMarshal.Cast<double, ulong>(scores.AsSpan(start, length))
            : ownKeys.AsSpan(start, length);
        void SortPositives() => OrderedKeys.SortInPlace(Keys(0, positiveCount));
        void SortNegatives() => OrderedKeys.SortInPlace(Keys(positiveCount, negativeCount));
        if (positiveCount + negativeCount >= ParallelSortRows && Environment.ProcessorCount > 1)
            Parallel.Invoke(SortPositives, SortNegatives);
        else
        {
            SortPositives();
            SortNegatives();
        }
        var doubledArea = DoubledArea(Keys(0, positiveCount), Keys(positiveCount, negativeCount));
        double positivesTotal = positiveCount, negativesTotal = negativeCount;
        return doubledArea / (2 * positivesTotal * negativesTotal);
    }

    /// <summary>
    /// Turns <paramref name="scores"/> into keys in place: kept rows' keys packed at the front, positives first.
    /// <paramref name="isPositive"/> is only read, so a label array shared with other calls stays intact.
    /// </summary>
    private static void PartitionInPlace(bool[] isPositive, double[] scores, bool[]? keepRow, int positiveCount)
    {
        var keys = MemoryMarshal.Cast<double, ulong>(scores.AsSpan());
        // Packing the kept rows forwards writes only at or behind the read position, so nothing unread is lost; the
        // labels move with them in a small array, since the caller's stay as they are.
        var labels = keepRow is null ? isPositive : new bool[scores.Length];
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (keepRow is not null && !keepRow[i]) continue;
            keys[count] = OrderedKeys.Of(scores[i]);
            if (keepRow is not null) labels[count] = isPositive[i];
            count++;
        }
        // Hoare partition: swap a negative found from the front with a positive found from the back. Labels of
        // swapped slots are never read again, so they need not move.
        int front = 0, back = count - 1;
        while (true)
        {
            while (front <= back && labels[front]) front++;
            while (front <= back && !labels[back]) back--;
            if (front >= back) break;
            (keys[front], keys[back]) = (keys[back], keys[front]);
            front++;
            back--;
        }
        Debug.Assert(front == positiveCount);
    }

    private static double DoubledArea(ReadOnlySpan<ulong> positives, ReadOnlySpan<ulong> negatives)
    {
        double doubledArea = 0;
        int below = 0; // positives scored strictly below the current negative group
        for (var start = 0; start < negatives.Length;)
        {
            var score = negatives[start];
            var end = start + 1;
            while (end < negatives.Length && negatives[end] == score) end++;
            while (below < positives.Length && positives[below] < score) below++;
            var notAbove = below;
            while (notAbove < positives.Length && positives[notAbove] == score) notAbove++;
            doubledArea += (double)(end - start) * (2.0 * (positives.Length - notAbove) + (notAbove - below));
            start = end;
        }
        return doubledArea;
    }
}

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

    /// <summary>The AUC over the rows where <paramref name="keepRow"/> is true (all rows when null).</summary>
    public static double Compute(bool[] isPositive, double[] scores, bool[]? keepRow = null)
    {
        int positiveCount = 0, negativeCount = 0;
        for (var i = 0; i < scores.Length; i++)
            if (keepRow is null || keepRow[i])
            {
                if (isPositive[i]) positiveCount++;
                else negativeCount++;
            }
        // Two key-only sorts (one per class) instead of one sort carrying labels: no label array, cheaper
        // swaps, and the two halves sort on two cores.
        var positives = new double[positiveCount];
        var negatives = new double[negativeCount];
        int p = 0, n = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (keepRow is not null && !keepRow[i]) continue;
            if (isPositive[i]) positives[p++] = scores[i];
            else negatives[n++] = scores[i];
        }
        if (scores.Length >= ParallelSortRows && Environment.ProcessorCount > 1)
            Parallel.Invoke(() => Array.Sort(positives), () => Array.Sort(negatives));
        else
        {
            Array.Sort(positives);
            Array.Sort(negatives);
        }

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
        double positivesTotal = positiveCount, negativesTotal = negativeCount;
        return doubledArea / (2 * positivesTotal * negativesTotal);
    }
}

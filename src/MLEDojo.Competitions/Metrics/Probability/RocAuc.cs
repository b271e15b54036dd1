namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Area under the ROC curve as scikit-learn's <c>roc_auc_score</c> computes it for a binary target: the ROC points
/// sit at each distinct score (tied scores move together, giving the diagonal step that counts a tie as half),
/// and the area is the trapezoidal sum over them. Counts are integers, so the doubled area is exact in a double
/// and one division ends the computation.
/// </summary>
internal static class RocAuc
{
    /// <summary>The AUC over the rows where <paramref name="keepRow"/> is true (all rows when null).</summary>
    public static double Compute(bool[] isPositive, double[] scores, bool[]? keepRow = null)
    {
        var count = 0;
        for (var i = 0; i < scores.Length; i++)
            if (keepRow is null || keepRow[i]) count++;
        var keys = new double[count];
        var labels = new byte[count];
        var k = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (keepRow is not null && !keepRow[i]) continue;
            keys[k] = scores[i];
            labels[k] = isPositive[i] ? (byte)1 : (byte)0;
            k++;
        }
        Array.Sort(keys, labels);

        double positivesTotal = 0;
        foreach (var label in labels) positivesTotal += label;
        var negativesTotal = count - positivesTotal;

        // Walk from the highest score down, one threshold per distinct score.
        double truePositives = 0, falsePositives = 0, doubledArea = 0;
        var end = count;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1]) start--;
            double groupPositives = 0;
            for (var j = start; j < end; j++) groupPositives += labels[j];
            var groupNegatives = end - start - groupPositives;
            doubledArea += groupNegatives * (2 * truePositives + groupPositives);
            truePositives += groupPositives;
            falsePositives += groupNegatives;
            end = start;
        }
        return doubledArea / (2 * positivesTotal * negativesTotal);
    }
}

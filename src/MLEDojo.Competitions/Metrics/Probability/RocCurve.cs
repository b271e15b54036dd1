namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// scikit-learn's <c>roc_curve</c> with its default <c>drop_intermediate=True</c>: one point per distinct score
/// (highest first), collinear interior points dropped, and (0, 0) prepended. Metrics that read the curve's points
/// (not only its area) need exactly these points to reproduce upstream numbers.
/// </summary>
internal sealed class RocCurve
{
    private RocCurve(double[] falsePositiveRates, double[] truePositiveRates)
    {
        FalsePositiveRates = falsePositiveRates;
        TruePositiveRates = truePositiveRates;
    }

    public double[] FalsePositiveRates { get; }
    public double[] TruePositiveRates { get; }

    public static RocCurve Compute(bool[] isPositive, double[] scores)
    {
        var n = scores.Length;
        var keys = (double[])scores.Clone();
        var labels = new byte[n];
        for (var i = 0; i < n; i++) labels[i] = isPositive[i] ? (byte)1 : (byte)0;
        Array.Sort(keys, labels);

        // Cumulative counts at the last row of each distinct score, walking from the highest score down.
        var truePositives = new List<double>();
        var falsePositives = new List<double>();
        double tp = 0, fp = 0;
        for (var end = n; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1]) start--;
            for (var j = start; j < end; j++)
                if (labels[j] == 1) tp++; else fp++;
            truePositives.Add(tp);
            falsePositives.Add(fp);
            end = start;
        }

        var kept = new List<int>(truePositives.Count);
        var count = truePositives.Count;
        for (var k = 0; k < count; k++)
        {
            // np.r_[True, diff(fps, 2) | diff(tps, 2), True]: interior points on a straight segment are dropped.
            var keep = count <= 2 || k == 0 || k == count - 1
                || falsePositives[k + 1] - 2 * falsePositives[k] + falsePositives[k - 1] != 0
                || truePositives[k + 1] - 2 * truePositives[k] + truePositives[k - 1] != 0;
            if (keep) kept.Add(k);
        }

        var fpr = new double[kept.Count + 1];
        var tpr = new double[kept.Count + 1];
        var fpTotal = falsePositives[count - 1];
        var tpTotal = truePositives[count - 1];
        for (var k = 0; k < kept.Count; k++)
        {
            fpr[k + 1] = falsePositives[kept[k]] / fpTotal;
            tpr[k + 1] = truePositives[kept[k]] / tpTotal;
        }
        return new RocCurve(fpr, tpr);
    }
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// Precision, recall and F-beta from counts exactly as scikit-learn 1.2's <c>precision_recall_fscore_support</c>
/// computes them: a zero denominator gives 0 (the default <c>zero_division="warn"</c>), and F is derived from the
/// already-rounded precision and recall as <c>(1 + β²)·P·R / (β²·P + R)</c>.
/// </summary>
internal static class SetWiseScore
{
    public static double Compute(ScoreKind kind, double beta2, double truePositives, double predicted, double actual)
    {
        var precision = predicted == 0 ? 0.0 : truePositives / predicted;
        var recall = actual == 0 ? 0.0 : truePositives / actual;
        switch (kind)
        {
            case ScoreKind.Precision: return precision;
            case ScoreKind.Recall: return recall;
        }
        if (double.IsPositiveInfinity(beta2)) return recall;
        var denominator = beta2 * precision + recall;
        if (denominator == 0.0) denominator = 1;
        return (1 + beta2) * precision * recall / denominator;
    }

    /// <summary>Averages per-class scores: <c>macro</c> (plain mean), <c>weighted</c> (by true support) or <c>micro</c> (pooled counts).</summary>
    public static double Average(ScoreKind kind, double beta2, string average, ClassCounts counts)
    {
        if (average == "micro")
            return Compute(kind, beta2, NumpySum.Sum(counts.TruePositives), NumpySum.Sum(counts.Predicted), NumpySum.Sum(counts.Actual));
        var scores = new double[counts.ClassCount];
        for (var k = 0; k < scores.Length; k++)
            scores[k] = Compute(kind, beta2, counts.TruePositives[k], counts.Predicted[k], counts.Actual[k]);
        if (average == "macro") return NumpySum.Mean(scores);
        var totalSupport = NumpySum.Sum(counts.Actual);
        if (totalSupport == 0)
            // scikit-learn: with no positive labels at all, recall is zero_division (0) and so are precision and F.
            return 0.0;
        for (var k = 0; k < scores.Length; k++) scores[k] *= counts.Actual[k];
        return NumpySum.Sum(scores) / totalSupport;
    }
}

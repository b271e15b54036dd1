namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Per-class true positives, predicted counts and true counts: the statistics behind precision, recall and F.</summary>
internal sealed class ClassCounts(double[] truePositives, double[] predicted, double[] actual)
{
    public double[] TruePositives { get; } = truePositives;
    public double[] Predicted { get; } = predicted;
    public double[] Actual { get; } = actual;
    public int ClassCount => TruePositives.Length;

    public static ClassCounts FromLabels(ClassLabels labels)
    {
        var tp = new double[labels.ClassCount];
        var predicted = new double[labels.ClassCount];
        var actual = new double[labels.ClassCount];
        for (var i = 0; i < labels.Truth.Length; i++)
        {
            var t = labels.Truth[i];
            var p = labels.Prediction[i];
            actual[t]++;
            predicted[p]++;
            if (t == p) tp[t]++;
        }
        return new ClassCounts(tp, predicted, actual);
    }
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// The share of rows whose prediction equals the answer, optionally scaled (allstate reports a percentage).
/// <c>comparison</c> picks the upstream idiom, because they disagree on odd submissions:
/// <list type="bullet">
/// <item><c>sklearn</c>: <c>accuracy_score</c>, which refuses NaN, continuous values and text-vs-number mixes;</item>
/// <item><c>pandas</c>: <c>(y_true == y_pred)</c> on the Series, where NaN and a text-vs-number pair simply count as wrong;</item>
/// <item><c>text</c>: both sides <c>astype(str)</c> first, so <c>1</c> and <c>1.0</c> differ and NaN equals NaN ("nan").</item>
/// </list>
/// </summary>
public sealed class AccuracyMetric : IMetric
{
    private readonly string _comparison;
    private readonly double _scale;

    public AccuracyMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("accuracy", "comparison", "scale");
        _comparison = parameters.Choice("comparison", "sklearn", "sklearn", "pandas", "text");
        _scale = parameters.GetDouble("scale", 1.0);
        if (!double.IsFinite(_scale) || _scale <= 0)
            throw new ArgumentException($"Parameter 'scale' must be a positive number, got {_scale}.");
    }

    public string Family => "accuracy";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var correct = _comparison switch
        {
            "sklearn" => CountSklearn(truth, prediction),
            "pandas" => PandasEquality.CountEqual(truth, prediction),
            _ => PandasEquality.CountEqualAsText(truth, prediction),
        };
        // accuracy_score and np.mean both divide an exact count by the row count.
        var accuracy = (double)correct / input.RowCount;
        return _scale == 1.0 ? accuracy : accuracy * _scale;
    }

    private static long CountSklearn(MetricColumn truth, MetricColumn prediction)
    {
        var labels = ClassLabels.Build(truth, prediction);
        long correct = 0;
        for (var i = 0; i < labels.Truth.Length; i++)
            if (labels.Truth[i] == labels.Prediction[i]) correct++;
        return correct;
    }
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// bengaliai-cv19's score: rows belong to a component named in their row id (the text after the second '_', e.g.
/// <c>Test_0_grapheme_root</c>; after the last '_' when there are fewer), scikit-learn's macro recall is computed
/// per component, and the recalls are averaged with <c>np.average(weights=...)</c>. Target columns: the row id
/// column, then the label column. Rows of other components are ignored, as upstream does.
/// </summary>
public sealed class WeightedComponentRecallMetric : IMetric
{
    private readonly string[] _components;
    private readonly double[] _weights;

    public WeightedComponentRecallMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("weighted_component_recall", "components", "weights");
        _components = parameters.RequiredStrings("components", "an array of component names");
        _weights = parameters.RequiredDoubles("weights", "one number per component");
        if (_components.Length == 0 || _components.Length != _weights.Length)
            throw new ArgumentException($"Parameters 'components' ({_components.Length}) and 'weights' ({_weights.Length}) must be non-empty and of equal length.");
        if (_components.Distinct(StringComparer.Ordinal).Count() != _components.Length)
            throw new ArgumentException("Parameter 'components' names a component twice.");
        if (_weights.Any(w => !double.IsFinite(w) || w < 0) || _weights.Sum() == 0)
            throw new ArgumentException("Parameter 'weights' must be finite, non-negative and not all zero.");
    }

    public string Family => "weighted_component_recall";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireRows(input, Family);
        if (input.Truth.Count != 2)
            throw new CompetitionDataException($"Family '{Family}' reads two target columns (row id, then label), but the catalog names {input.Truth.Count}.");
        var rowIds = PandasStrings.AsStr(input.Truth[0]);
        // Labels are checked and indexed over the whole column once, so errors name the submission's real row.
        var labels = ClassLabels.Build(input.Truth[1], input.Prediction[1]);
        var classCount = labels.ClassCount;
        var truePositives = new double[_components.Length, classCount];
        var predicted = new double[_components.Length, classCount];
        var actual = new double[_components.Length, classCount];
        for (var i = 0; i < rowIds.Length; i++)
        {
            var component = IndexOfComponent(rowIds[i]);
            if (component < 0) continue;
            var t = labels.Truth[i];
            var p = labels.Prediction[i];
            actual[component, t]++;
            predicted[component, p]++;
            if (t == p) truePositives[component, t]++;
        }

        var weighted = new double[_components.Length];
        var recalls = new List<double>();
        for (var c = 0; c < _components.Length; c++)
        {
            recalls.Clear();
            // scikit-learn's labels are those present in this component's rows, in sorted order.
            for (var k = 0; k < classCount; k++)
                if (actual[c, k] > 0 || predicted[c, k] > 0)
                    recalls.Add(SetWiseScore.Compute(ScoreKind.Recall, 1, truePositives[c, k], predicted[c, k], actual[c, k]));
            if (recalls.Count == 0)
                throw new CompetitionDataException($"The answer has no rows for component '{_components[c]}', so its recall is undefined.");
            weighted[c] = NumpySum.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(recalls)) * _weights[c];
        }
        return NumpySum.Sum(weighted) / NumpySum.Sum(_weights);
    }

    private int IndexOfComponent(string rowId)
    {
        var component = ComponentOf(rowId);
        for (var c = 0; c < _components.Length; c++)
            if (component.SequenceEqual(_components[c])) return c;
        return -1;
    }

    /// <summary><c>x.split("_", 2)[2] if len(x.split("_")) > 2 else x.split("_")[-1]</c>.</summary>
    internal static ReadOnlySpan<char> ComponentOf(string rowId)
    {
        var first = rowId.IndexOf('_');
        var second = first < 0 ? -1 : rowId.IndexOf('_', first + 1);
        if (second >= 0) return rowId.AsSpan(second + 1);
        return first < 0 ? rowId : rowId.AsSpan(first + 1);
    }
}

using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// The truth and prediction columns of a single-label classification, each row replaced by the index of its class
/// in the sorted union of labels, as scikit-learn's <c>unique_labels</c> orders them (numbers by value, text by code
/// point). Building it applies the checks of scikit-learn's <c>_check_targets</c>: no NaN, no continuous values,
/// no mix of text and number labels.
/// </summary>
internal sealed class ClassLabels
{
    private readonly double[]? _numericLabels;
    private readonly string[]? _textLabels;

    private ClassLabels(int[] truth, int[] prediction, double[]? numericLabels, string[]? textLabels, int truthClassCount)
    {
        Truth = truth;
        Prediction = prediction;
        _numericLabels = numericLabels;
        _textLabels = textLabels;
        TruthClassCount = truthClassCount;
    }

    public int[] Truth { get; }
    public int[] Prediction { get; }
    public int ClassCount => _numericLabels?.Length ?? _textLabels!.Length;
    /// <summary>How many distinct labels the answer alone holds.</summary>
    public int TruthClassCount { get; }

    public string Describe(int classIndex) =>
        _numericLabels is not null
            ? _numericLabels[classIndex].ToString("R", CultureInfo.InvariantCulture)
            : $"'{_textLabels![classIndex]}'";

    /// <summary>The index of <paramref name="label"/> (a number or a text, as the catalog wrote it), or -1 when absent.</summary>
    public int IndexOf(string label)
    {
        if (_numericLabels is not null)
        {
            if (!double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return -1;
            var found = Array.BinarySearch(_numericLabels, value == 0 ? 0.0 : value);
            return found >= 0 ? found : -1;
        }
        var index = Array.BinarySearch(_textLabels!, label, CodePointComparer.Instance);
        return index >= 0 ? index : -1;
    }

    public static ClassLabels Build(MetricColumn truth, MetricColumn prediction)
    {
        if (truth.Length == 0)
            throw new CompetitionDataException($"The answer has no rows for column '{truth.Name}'; there is nothing to score.");
        if (truth.IsNumeric && prediction.IsNumeric)
            return FromNumbers(truth, prediction);
        if (!truth.IsNumeric && !prediction.IsNumeric)
            return FromTexts(truth, prediction);
        throw MixedKinds(truth, prediction);
    }

    private static ClassLabels FromNumbers(MetricColumn truthColumn, MetricColumn predictionColumn)
    {
        var truth = DiscreteNumbers(truthColumn);
        var prediction = DiscreteNumbers(predictionColumn);
        var indexByValue = new Dictionary<double, int>();
        foreach (var value in truth) indexByValue.TryAdd(value, 0);
        var truthClassCount = indexByValue.Count;
        foreach (var value in prediction) indexByValue.TryAdd(value, 0);
        var labels = indexByValue.Keys.ToArray();
        Array.Sort(labels);
        for (var i = 0; i < labels.Length; i++) indexByValue[labels[i]] = i;
        return new ClassLabels(Encode(truth, indexByValue), Encode(prediction, indexByValue), labels, null, truthClassCount);
    }

    private static ClassLabels FromTexts(MetricColumn truthColumn, MetricColumn predictionColumn)
    {
        var truth = PresentTexts(truthColumn);
        var prediction = PresentTexts(predictionColumn);
        var indexByText = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in truth) indexByText.TryAdd(value, 0);
        var truthClassCount = indexByText.Count;
        foreach (var value in prediction) indexByText.TryAdd(value, 0);
        var labels = indexByText.Keys.ToArray();
        Array.Sort(labels, CodePointComparer.Instance);
        for (var i = 0; i < labels.Length; i++) indexByText[labels[i]] = i;
        return new ClassLabels(Encode(truth, indexByText), Encode(prediction, indexByText), null, labels, truthClassCount);
    }

    private static int[] Encode<T>(T[] values, Dictionary<T, int> indexByValue) where T : notnull
    {
        var codes = new int[values.Length];
        for (var i = 0; i < values.Length; i++) codes[i] = indexByValue[values[i]];
        return codes;
    }

    /// <summary>
    /// Finite whole numbers; -0.0 becomes 0.0 so it shares a class with 0. A fractional value makes scikit-learn
    /// call the target "continuous" and refuse it.
    /// </summary>
    private static double[] DiscreteNumbers(MetricColumn column)
    {
        var values = column.FiniteNumbers();
        var normalised = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (Math.Floor(value) != value)
                throw column.Problem(
                    $"Column '{column.Name}' must hold class labels, but row {i + 1} holds the continuous value {value.ToString("R", CultureInfo.InvariantCulture)}; " +
                    "predict one of the classes (for example 0 or 1), not a probability or score.");
            normalised[i] = value == 0 ? 0.0 : value;
        }
        return normalised;
    }

    private static string[] PresentTexts(MetricColumn column)
    {
        var texts = column.Texts;
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is null)
                throw column.Problem($"Column '{column.Name}' is empty at row {i + 1}; every row needs a class label.");
        return texts!;
    }

    /// <summary>scikit-learn refuses a mix of text and number labels; the message never quotes the answer's values.</summary>
    private static Exception MixedKinds(MetricColumn truth, MetricColumn prediction)
    {
        if (!truth.IsNumeric)
            return prediction.Problem(
                $"Column '{prediction.Name}' holds only numbers, but this competition's labels are text; predict the class names used in the training data.");
        var texts = prediction.Texts;
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is not null && !double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return prediction.Problem($"Column '{prediction.Name}' must hold numeric class labels, but row {i + 1} holds '{texts[i]}'.");
        return prediction.Problem($"Column '{prediction.Name}' must hold numeric class labels.");
    }
}

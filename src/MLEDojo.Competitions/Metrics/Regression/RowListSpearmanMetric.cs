using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>mean_row_spearman</c> (Draper satellite chronology): each row holds a whitespace-separated list of integers
/// on both sides; the score is the mean over rows of scipy's Spearman correlation between the two lists. A
/// prediction list must hold integers (Python <c>int()</c>) and as many as the true list. No params.
/// </summary>
internal sealed class RowListSpearmanMetric : IMetric
{
    public RowListSpearmanMetric(MetricParameters parameters) => parameters.RequireKnown(Family);

    public string Family => "mean_row_spearman";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        RegressionData.RequireOneTarget(input, Family);
        var truthColumn = input.Truth[0];
        var predictionColumn = input.Prediction[0];
        var truth = truthColumn.Texts;
        var prediction = predictionColumn.Texts;
        var trueValues = new List<double>();
        var predictedValues = new List<double>();
        var total = 0.0;
        for (var row = 0; row < truth.Length; row++)
        {
            Parse(truthColumn, truth[row], row, trueValues);
            Parse(predictionColumn, prediction[row], row, predictedValues);
            if (predictedValues.Count != trueValues.Count)
                throw predictionColumn.Problem(
                    $"Column '{predictionColumn.Name}' row {row + 1} has {predictedValues.Count} values; the answer has {trueValues.Count}.");
            var correlation = Correlations.Spearman(
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(trueValues),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(predictedValues));
            if (double.IsNaN(correlation))
            {
                if (trueValues.Count >= 2 && trueValues.Exists(v => v != trueValues[0]))
                    throw predictionColumn.Problem(
                        $"Column '{predictionColumn.Name}' row {row + 1} repeats one value; Spearman correlation with a constant list is undefined.");
                throw truthColumn.Problem($"Column '{truthColumn.Name}' row {row + 1} has no Spearman correlation (constant or shorter than 2).");
            }
            total += correlation;
        }
        return total / truth.Length;
    }

    private static void Parse(MetricColumn column, string? text, int row, List<double> values)
    {
        values.Clear();
        if (text is null)
            throw column.Problem($"Column '{column.Name}' is empty at row {row + 1}; it needs integers separated by spaces.");
        foreach (var range in PythonWhiteSpace.Tokens(text))
        {
            if (!long.TryParse(text.AsSpan(range), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw column.Problem(
                    $"Column '{column.Name}' row {row + 1} holds '{text[range]}', which is not an integer; give integers separated by spaces.");
            values.Add(value);
        }
    }
}

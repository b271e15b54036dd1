namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>pearson</c>, <c>spearman</c> and <c>kendall</c> between truth and prediction columns. Params:
/// <c>reduce</c>; <c>undefined</c>: <c>error</c> (default; a correlation scipy answers NaN for, such as a constant
/// column, is refused with the reason) or <c>zero</c> (counts as 0, for classes that replace NaN by 0);
/// <c>drop_missing_truth</c>: rows whose true value is empty are left out first (<c>dropna</c> on the answer).
/// </summary>
internal sealed class CorrelationMetric : IMetric
{
    private readonly Func<double[], double[], double> _correlation;
    private readonly ColumnReduction _reduction;
    private readonly bool _undefinedIsZero;
    private readonly bool _dropMissingTruth;

    private CorrelationMetric(string family, Func<double[], double[], double> correlation, MetricParameters parameters)
    {
        Family = family;
        _correlation = correlation;
        parameters.RequireKnown(family, "reduce", "undefined", "drop_missing_truth");
        _reduction = parameters.Reduction();
        _undefinedIsZero = parameters.Choice("undefined", "error", "error", "zero") == "zero";
        _dropMissingTruth = parameters.Flag("drop_missing_truth", false);
    }

    public static CorrelationMetric Pearson(MetricParameters parameters) => new("pearson", (x, y) => Correlations.Pearson(x, y), parameters);

    public static CorrelationMetric Spearman(MetricParameters parameters) => new("spearman", (x, y) => Correlations.Spearman(x, y), parameters);

    public static CorrelationMetric Kendall(MetricParameters parameters) => new("kendall", (x, y) => Correlations.Kendall(x, y), parameters);

    public string Family { get; }

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        if (_reduction == ColumnReduction.Flatten)
        {
            var truth = new List<double>();
            var prediction = new List<double>();
            for (var column = 0; column < input.Truth.Count; column++)
                CollectRows(input.Truth[column], input.Prediction[column], truth, prediction);
            return Correlate(truth.ToArray(), prediction.ToArray(), "all target columns", input.Prediction[0]);
        }
        var total = 0.0;
        for (var column = 0; column < input.Truth.Count; column++)
        {
            var truth = new List<double>(input.RowCount);
            var prediction = new List<double>(input.RowCount);
            CollectRows(input.Truth[column], input.Prediction[column], truth, prediction);
            total += Correlate(truth.ToArray(), prediction.ToArray(), $"column '{input.Truth[column].Name}'", input.Prediction[column]);
        }
        return total / input.Truth.Count;
    }

    private void CollectRows(MetricColumn truthColumn, MetricColumn predictionColumn, List<double> truth, List<double> prediction)
    {
        if (!_dropMissingTruth)
        {
            truth.AddRange(truthColumn.FiniteNumbers());
            prediction.AddRange(predictionColumn.FiniteNumbers());
            return;
        }
        var t = truthColumn.Numbers;
        var p = predictionColumn.Numbers;
        for (var i = 0; i < t.Length; i++)
        {
            if (double.IsNaN(t[i])) continue;
            if (double.IsInfinity(t[i]))
                throw truthColumn.Problem($"Column '{truthColumn.Name}' has an infinite value at row {i + 1}.");
            if (!double.IsFinite(p[i]))
                throw predictionColumn.Problem($"Column '{predictionColumn.Name}' has an empty, NaN or infinite value at row {i + 1}; every scored row needs a finite number.");
            truth.Add(t[i]);
            prediction.Add(p[i]);
        }
    }

    private double Correlate(double[] truth, double[] prediction, string what, MetricColumn predictionColumn)
    {
        var value = _correlation(truth, prediction);
        if (!double.IsNaN(value)) return value;
        if (_undefinedIsZero) return 0.0;
        if (truth.Length < 2)
            throw new CompetitionDataException($"The {Family} correlation of {what} needs at least two scored rows; the answer has {truth.Length}.");
        if (prediction.All(v => v == prediction[0]))
            throw predictionColumn.Problem(
                $"Every prediction in {what} is {prediction[0]}; the {Family} correlation of a constant is undefined. Vary the predictions.");
        throw new CompetitionDataException($"Every true value in {what} is the same; the {Family} correlation is undefined.");
    }
}

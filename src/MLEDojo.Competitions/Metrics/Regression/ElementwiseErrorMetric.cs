namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// A metric that is a transform of the mean of a per-cell loss (MSE, RMSE, MAE, RMSLE, SMAPE, ...).
/// With <see cref="ColumnReduction.ColumnMean"/> each column gets its own mean and transform and the column scores
/// are averaged; with <see cref="ColumnReduction.Flatten"/> one mean is taken over every cell.
/// </summary>
internal abstract class ElementwiseErrorMetric : IMetric
{
    private readonly ColumnReduction _reduction;

    protected ElementwiseErrorMetric(string family, ColumnReduction reduction)
    {
        Family = family;
        _reduction = reduction;
    }

    public string Family { get; }

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        var losses = new double[input.RowCount];
        var columnScores = 0.0;
        var lossTotal = 0.0;
        for (var column = 0; column < input.Truth.Count; column++)
        {
            FillLosses(input.Truth[column], input.Prediction[column], losses);
            var sum = NumpySum.Sum(losses);
            if (_reduction == ColumnReduction.ColumnMean)
                columnScores += Finish(sum / losses.Length);
            else
                lossTotal += sum;
        }
        return _reduction == ColumnReduction.ColumnMean
            ? columnScores / input.Truth.Count
            : Finish(lossTotal / ((double)losses.Length * input.Truth.Count));
    }

    /// <summary>Writes the loss of every row of one column into <paramref name="losses"/>; rejects unusable values.</summary>
    protected abstract void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses);

    /// <summary>Turns a mean loss into the score (a square root for the root-mean families).</summary>
    protected virtual double Finish(double meanLoss) => meanLoss;
}

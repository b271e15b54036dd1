namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>r2</c>: scikit-learn <c>r2_score</c> with <c>force_finite=True</c>: <c>1 - SS_res / SS_tot</c>; a constant
/// truth scores 1.0 when predicted exactly and 0.0 otherwise. <c>reduce</c>: <c>column_mean</c> is
/// <c>multioutput="uniform_average"</c>; <c>flatten</c> scores all cells as one vector.
/// </summary>
internal sealed class R2Metric(MetricParameters parameters) : IMetric
{
    private readonly ColumnReduction _reduction = parameters.RequireKnown("r2", "reduce").Reduction();

    public string Family => "r2";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        if (input.RowCount < 2)
            throw new CompetitionDataException("R² is not defined for fewer than two rows (scikit-learn returns NaN).");
        var columns = input.Truth.Count;
        var squares = new double[input.RowCount];
        var residuals = new double[columns];
        var totals = new double[columns];
        var truthMeans = new double[columns];
        for (var column = 0; column < columns; column++)
        {
            var t = input.Truth[column].FiniteNumbers();
            var p = input.Prediction[column].FiniteNumbers();
            for (var i = 0; i < t.Length; i++) squares[i] = (t[i] - p[i]) * (t[i] - p[i]);
            residuals[column] = NumpySum.Sum(squares);
            truthMeans[column] = NumpySum.Mean(t);
        }
        if (_reduction == ColumnReduction.Flatten)
        {
            var mean = truthMeans.Average();
            var total = 0.0;
            for (var column = 0; column < columns; column++) total += SumOfSquares(input.Truth[column].FiniteNumbers(), mean, squares);
            return Score(residuals.Sum(), total);
        }
        var score = 0.0;
        for (var column = 0; column < columns; column++)
        {
            totals[column] = SumOfSquares(input.Truth[column].FiniteNumbers(), truthMeans[column], squares);
            score += Score(residuals[column], totals[column]);
        }
        return score / columns;
    }

    private static double SumOfSquares(double[] values, double mean, double[] scratch)
    {
        for (var i = 0; i < values.Length; i++) scratch[i] = (values[i] - mean) * (values[i] - mean);
        return NumpySum.Sum(scratch);
    }

    private static double Score(double residual, double total) =>
        total != 0 ? 1 - residual / total : residual == 0 ? 1.0 : 0.0;
}

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>mse</c> (scikit-learn <c>mean_squared_error</c>) and <c>rmse</c> (its square root, as
/// <c>np.sqrt(np.mean((y - p) ** 2))</c>). Params: <c>reduce</c>.
/// </summary>
internal sealed class SquaredErrorMetric : ElementwiseErrorMetric
{
    private readonly bool _root;

    private SquaredErrorMetric(string family, bool root, MetricParameters parameters)
        : base(family, parameters.RequireKnown(family, "reduce").Reduction()) => _root = root;

    public static SquaredErrorMetric Mse(MetricParameters parameters) => new("mse", root: false, parameters);

    public static SquaredErrorMetric Rmse(MetricParameters parameters) => new("rmse", root: true, parameters);

    protected override void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses)
    {
        var t = truth.FiniteNumbers();
        var p = prediction.FiniteNumbers();
        for (var i = 0; i < losses.Length; i++)
        {
            var difference = t[i] - p[i];
            losses[i] = difference * difference;
        }
    }

    protected override double Finish(double meanLoss) => _root ? Math.Sqrt(meanLoss) : meanLoss;
}

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary><c>mae</c>: scikit-learn <c>mean_absolute_error</c>. Params: <c>reduce</c>.</summary>
internal sealed class AbsoluteErrorMetric(MetricParameters parameters)
    : ElementwiseErrorMetric("mae", parameters.RequireKnown("mae", "reduce").Reduction())
{
    protected override void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses)
    {
        var t = truth.FiniteNumbers();
        var p = prediction.FiniteNumbers();
        for (var i = 0; i < losses.Length; i++)
            losses[i] = Math.Abs(t[i] - p[i]);
    }
}

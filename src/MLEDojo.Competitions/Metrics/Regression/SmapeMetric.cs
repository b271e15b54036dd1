namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>smape</c>: <c>scale · mean(2·|y - p| / (|y| + |p|))</c>. Params: <c>reduce</c>; <c>scale</c> (default 100,
/// a percentage); <c>zero_denominator</c>: <c>zero</c> (default; a row where truth and prediction are both 0 scores
/// 0, as <c>np.where(denominator == 0, 0, ...)</c> does) or <c>error</c> (the upstream formula divides 0 by 0
/// there and the score would be NaN, so such a row is refused with an explanation).
/// </summary>
internal sealed class SmapeMetric : ElementwiseErrorMetric
{
    private readonly double _scale;
    private readonly bool _zeroDenominatorIsError;

    public SmapeMetric(MetricParameters parameters)
        : base("smape", parameters.RequireKnown("smape", "reduce", "scale", "zero_denominator").Reduction())
    {
        _scale = parameters.OptionalNumber("scale") ?? 100.0;
        _zeroDenominatorIsError = parameters.Choice("zero_denominator", "zero", "zero", "error") == "error";
    }

    protected override void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses)
    {
        var t = truth.FiniteNumbers();
        var p = prediction.FiniteNumbers();
        for (var i = 0; i < losses.Length; i++)
        {
            var denominator = Math.Abs(t[i]) + Math.Abs(p[i]);
            if (denominator == 0)
            {
                if (_zeroDenominatorIsError)
                    throw prediction.Problem(
                        $"Column '{prediction.Name}' row {i + 1}: the prediction and the true value are both 0, where this " +
                        "competition's SMAPE divides 0 by 0 and has no value; predict a small non-zero number instead.");
                losses[i] = 0;
                continue;
            }
            losses[i] = 2 * Math.Abs(t[i] - p[i]) / denominator;
        }
    }

    protected override double Finish(double meanLoss) => _scale * meanLoss;
}

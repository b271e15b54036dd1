using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>msle</c> and <c>rmsle</c>: the mean of <c>(log(1 + p) - log(1 + y))²</c>, and its square root.
/// Params: <c>reduce</c>; <c>log</c>: <c>log1p</c> (default, <c>np.log1p</c>) or <c>log_plus_one</c>
/// (<c>np.log(y + 1)</c>, which rounds <c>y + 1</c> first); <c>negative</c>: <c>reject</c> (default; what
/// scikit-learn's <c>mean_squared_log_error</c> does, and what classes that check for negatives do) or
/// <c>allow</c> (plain numpy: values in (-1, 0) are scored, values at or below -1 have no logarithm);
/// <c>clip_min</c>: a lower bound applied to both sides before the logarithm (<c>np.clip(a_min=0)</c>).
/// </summary>
internal sealed class SquaredLogErrorMetric : ElementwiseErrorMetric
{
    private readonly bool _root;
    private readonly bool _logPlusOne;
    private readonly bool _rejectNegative;
    private readonly double? _clipMin;

    private SquaredLogErrorMetric(string family, bool root, MetricParameters parameters)
        : base(family, parameters.RequireKnown(family, "reduce", "log", "negative", "clip_min").Reduction())
    {
        _root = root;
        _logPlusOne = parameters.Choice("log", "log1p", "log1p", "log_plus_one") == "log_plus_one";
        _rejectNegative = parameters.Choice("negative", "reject", "reject", "allow") == "reject";
        _clipMin = parameters.OptionalNumber("clip_min");
    }

    public static SquaredLogErrorMetric Msle(MetricParameters parameters) => new("msle", root: false, parameters);

    public static SquaredLogErrorMetric Rmsle(MetricParameters parameters) => new("rmsle", root: true, parameters);

    protected override void FillLosses(MetricColumn truth, MetricColumn prediction, double[] losses)
    {
        var t = truth.FiniteNumbers();
        var p = prediction.FiniteNumbers();
        for (var i = 0; i < losses.Length; i++)
        {
            var trueLog = Log(t[i], truth, i); // the answer's problems are reported before the submission's
            var difference = Log(p[i], prediction, i) - trueLog;
            losses[i] = difference * difference;
        }
    }

    protected override double Finish(double meanLoss) => _root ? Math.Sqrt(meanLoss) : meanLoss;

    private double Log(double value, MetricColumn column, int row)
    {
        if (_clipMin is { } floor && value < floor) value = floor;
        if (_rejectNegative && value < 0)
            throw column.Problem(
                $"Column '{column.Name}' has the negative value {Format(value)} at row {row + 1}; " +
                $"{Family} is only defined for values >= 0.");
        if (value <= -1)
            throw column.Problem(
                $"Column '{column.Name}' has the value {Format(value)} at row {row + 1}; " +
                $"{Family} takes log(1 + value), which needs values > -1.");
        return _logPlusOne ? Math.Log(value + 1) : LogOnePlus(value);
    }

    // .NET has no accurate log1p (double.LogP1 is log(1 + x)); Goldberg's correction keeps tiny values exact to a few ulps.
    private static double LogOnePlus(double value)
    {
        var u = 1.0 + value;
        return u == 1.0 ? value : Math.Log(u) * value / (u - 1.0);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

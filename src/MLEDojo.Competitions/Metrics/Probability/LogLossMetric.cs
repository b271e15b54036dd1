using System.Runtime.CompilerServices;

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>log_loss</c>: mean negative log-likelihood, as scikit-learn 1.6's <c>log_loss</c> and the
/// hand-written numpy/pandas versions in MLE-Dojo compute it. Parameters:
/// <list type="bullet">
/// <item><c>truth</c>: <c>label</c> (one column of two class labels, the greater one positive; the prediction is the
/// positive class's probability, as <c>log_loss(y, p_1d)</c>), <c>binary</c> (one numeric column y used as a weight:
/// −(y·log p + (1−y)·log(1−p))), or <c>onehot</c> (one column per class on both sides: −Σ y·log p).</item>
/// <item><c>eps</c>: <c>auto</c> (float64 machine epsilon, scikit-learn's own clip) or a number: predictions are
/// clipped to [eps, 1−eps].</item>
/// <item><c>normalize</c> (onehot only): <c>none</c> (scikit-learn ≥ 1.5 no longer renormalises rows),
/// <c>after_clip</c> (clip, then divide each row by its sum) or <c>before_clip</c> (divide by the row sum,
/// a zero sum being replaced by <c>zero_sum_divisor</c>, then clip).</item>
/// </list>
/// </summary>
public sealed class LogLossMetric : IMetric
{
    /// <summary>np.finfo(np.float64).eps, the clip scikit-learn applies whatever the caller did before.</summary>
    private const double Float64Epsilon = 2.220446049250313e-16;

    private readonly string _truth;
    private readonly double _eps;
    private readonly string _normalize;
    private readonly double _zeroSumDivisor;

    public LogLossMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("log_loss", "truth", "eps", "normalize", "zero_sum_divisor");
        _truth = parameters.Choice("truth", "label", "label", "binary", "onehot");
        _eps = parameters.GetString("eps", "auto") == "auto" ? Float64Epsilon : parameters.OptionalNumber("eps")!.Value;
        if (_eps <= 0 || _eps >= 0.5) throw new ArgumentException($"Parameter 'eps' must be 'auto' or a number in (0, 0.5), not {_eps}.");
        _normalize = parameters.Choice("normalize", "none", "none", "after_clip", "before_clip");
        if (_normalize != "none" && _truth != "onehot")
            throw new ArgumentException("Parameter 'normalize' applies only to truth 'onehot'.");
        var divisor = parameters.OptionalNumber("zero_sum_divisor");
        if (divisor is not null && _normalize != "before_clip")
            throw new ArgumentException("Parameter 'zero_sum_divisor' applies only to normalize 'before_clip'.");
        _zeroSumDivisor = divisor ?? 1.0;
        if (_zeroSumDivisor == 0) throw new ArgumentException("Parameter 'zero_sum_divisor' must not be 0.");
    }

    public string Family => "log_loss";

    public double Evaluate(MetricInput input)
    {
        if (input.Truth.Count == 0) throw new CompetitionDataException("The log_loss metric needs at least one target column.");
        if (input.RowCount == 0) throw new CompetitionDataException("The answer has no rows, so log loss is undefined.");
        if (_truth != "onehot" && input.Truth.Count != 1)
            throw new CompetitionDataException($"log_loss with truth '{_truth}' scores one target column, not {input.Truth.Count}.");
        return _truth switch
        {
            "label" => LabelLoss(input.Truth[0], input.Prediction[0]),
            "binary" => BinaryLoss(input.Truth[0], input.Prediction[0]),
            _ => OneHotLoss(input.Truth, input.Prediction),
        };
    }

    private double LabelLoss(MetricColumn truth, MetricColumn prediction)
    {
        var target = BinaryTarget.Read(truth);
        if (target.Problem is not null)
            throw new CompetitionDataException(
                $"Log loss against one probability column needs exactly two classes, but the {target.Problem}; scikit-learn's log_loss raises here.");
        var isPositive = target.IsPositive!;
        var probabilities = prediction.FiniteNumbers();
        var sum = new CompensatedSum();
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Clip(probabilities[i], _eps);
            // scikit-learn builds the negative column as 1 - p before its own clip.
            var chosen = isPositive[i] ? p : 1 - p;
            sum.Add(-Math.Log(Clip(chosen, Float64Epsilon)));
        }
        return sum.Sum / probabilities.Length;
    }

    private double BinaryLoss(MetricColumn truth, MetricColumn prediction)
    {
        var weights = truth.FiniteNumbers();
        var probabilities = prediction.FiniteNumbers();
        var sum = new CompensatedSum();
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Clip(probabilities[i], _eps);
            var y = weights[i];
            sum.Add(-(y * Math.Log(p) + (1 - y) * Math.Log(1 - p)));
        }
        return sum.Sum / probabilities.Length;
    }

    /// <summary>
    /// Rows per part of a one-hot sum. Parts are fixed by row count, not by cores, so the same file gets the same
    /// score, to the last bit, on every machine; their sums are added in order.
    /// </summary>
    internal const int OneHotPartRows = 1 << 16;

    private double OneHotLoss(IReadOnlyList<MetricColumn> truthColumns, IReadOnlyList<MetricColumn> predictionColumns)
    {
        var classes = truthColumns.Count;
        var truth = new double[classes][];
        var predicted = new double[classes][];
        for (var c = 0; c < classes; c++)
        {
            truth[c] = truthColumns[c].FiniteNumbers();
            predicted[c] = predictionColumns[c].FiniteNumbers();
        }
        var rows = truth[0].Length;
        var parts = new double[(rows + OneHotPartRows - 1) / OneHotPartRows];
        // A million rows of ten classes is tens of millions of logarithms: worth every core.
        Parallel.For(0, parts.Length, part => parts[part] = OneHotPartLoss(truth, predicted, part * OneHotPartRows, Math.Min(rows, (part + 1) * OneHotPartRows)));
        var sum = new CompensatedSum();
        foreach (var partSum in parts) sum.Add(partSum);
        return sum.Sum / rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double OneHotPartLoss(double[][] truth, double[][] predicted, int from, int to)
    {
        var classes = truth.Length;
        var row = new double[classes];
        var sum = new CompensatedSum();
        for (var i = from; i < to; i++)
        {
            for (var c = 0; c < classes; c++) row[c] = predicted[c][i];
            PrepareRow(row);
            double loss = 0;
            for (var c = 0; c < classes; c++)
            {
                var y = truth[c][i];
                // xlogy(0, p) is 0, and so is 0 * log(p) once p is clipped.
                if (y != 0) loss += y * Math.Log(row[c]);
            }
            sum.Add(-loss);
        }
        return sum.Sum;
    }

    private void PrepareRow(double[] row)
    {
        switch (_normalize)
        {
            case "before_clip":
                DivideBySum(row, _zeroSumDivisor);
                ClipAll(row);
                break;
            case "after_clip":
                ClipAll(row);
                DivideBySum(row, _zeroSumDivisor);
                break;
            default:
                ClipAll(row);
                break;
        }
    }

    private void ClipAll(double[] row)
    {
        for (var c = 0; c < row.Length; c++) row[c] = Clip(row[c], _eps);
    }

    private static void DivideBySum(double[] row, double zeroSumDivisor)
    {
        double total = 0;
        foreach (var value in row) total += value;
        if (total == 0) total = zeroSumDivisor;
        for (var c = 0; c < row.Length; c++) row[c] /= total;
    }

    private static double Clip(double value, double eps) => Math.Min(Math.Max(value, eps), 1 - eps);
}

namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>interpolated_tpr_weighted_auc</c>: the flavours-of-physics weighted AUC as MLE-Dojo computes it. Rows
/// are first kept where the answer-only <c>filter_column</c> is greater than <c>filter_greater_than</c> (all rows
/// when no filter is given). The FPR of scikit-learn's ROC points is interpolated (<c>np.interp</c>) on
/// <c>grid_points</c> evenly spaced TPRs in [0, 1]; each TPR band [t_i, t_{i+1}] (<c>tpr_thresholds</c>) gets the
/// trapezoid area of the grid points inside it (the band's end points' trapezoid when fewer than two fall inside),
/// weighted by <c>weights</c>. Score = 1 − weighted area / the same weighted area of the diagonal (a random
/// classifier). One target column whose labels are 0/1 (or −1/1), as scikit-learn's roc_curve requires.
/// </summary>
public sealed class InterpolatedTprWeightedAucMetric : IMetric
{
    private readonly double[] _thresholds;
    private readonly double[] _weights;
    private readonly double[] _grid;
    private readonly string? _filterColumn;
    private readonly double _filterGreaterThan;

    public InterpolatedTprWeightedAucMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("interpolated_tpr_weighted_auc",
            "tpr_thresholds", "weights", "grid_points", "filter_column", "filter_greater_than");
        var (thresholds, weights) = TprBands.Read(parameters);
        for (var i = 0; i < thresholds.Length; i++)
            if (!double.IsFinite(thresholds[i]) || thresholds[i] < 0 || thresholds[i] > 1 || (i > 0 && thresholds[i] <= thresholds[i - 1]))
                throw new ArgumentException("'tpr_thresholds' must be strictly increasing values in [0, 1].");
        if (weights.Any(w => !double.IsFinite(w)) || RandomArea(thresholds, weights) == 0)
            throw new ArgumentException("'weights' must be finite and give the diagonal a non-zero weighted area.");

        var gridPoints = parameters.OptionalNumber("grid_points") ?? 10000;
        if (gridPoints < 2 || gridPoints > 10_000_000 || Math.Floor(gridPoints) != gridPoints)
            throw new ArgumentException("Parameter 'grid_points' must be a whole number from 2 to 10000000.");

        _filterColumn = parameters.GetString("filter_column");
        var filterThreshold = parameters.OptionalNumber("filter_greater_than");
        if ((_filterColumn is null) != (filterThreshold is null))
            throw new ArgumentException("Parameters 'filter_column' and 'filter_greater_than' go together.");
        _filterGreaterThan = filterThreshold ?? 0;
        _thresholds = thresholds;
        _weights = weights;
        _grid = Linspace((int)gridPoints);
    }

    public string Family => "interpolated_tpr_weighted_auc";

    public double Evaluate(MetricInput input)
    {
        SingleTarget.Require(input, "interpolated_tpr_weighted_auc", "the weighted AUC");

        var kept = KeptRows(input);
        var (isPositive, scores) = ReadKept(input.Truth[0], input.Prediction[0], kept);
        var curve = RocCurve.Compute(isPositive, scores);
        var tpr = curve.TruePositiveRates;
        var fpr = curve.FalsePositiveRates;

        double weightedArea = 0;
        for (var band = 0; band < _weights.Length; band++)
        {
            var low = _thresholds[band];
            var high = _thresholds[band + 1];
            var first = SearchSorted.Left(_grid, low);
            var last = SearchSorted.Right(_grid, high) - 1;
            double area;
            if (last - first + 1 < 2)
            {
                area = 0.5 * (Interpolate(low, tpr, fpr) + Interpolate(high, tpr, fpr)) * (high - low);
            }
            else
            {
                // np.trapz: sum of diff(x) * (y[1:] + y[:-1]) / 2.0.
                var sum = new CompensatedSum();
                var previousY = Interpolate(_grid[first], tpr, fpr);
                for (var k = first + 1; k <= last; k++)
                {
                    var y = Interpolate(_grid[k], tpr, fpr);
                    sum.Add((_grid[k] - _grid[k - 1]) * (y + previousY) / 2.0);
                    previousY = y;
                }
                area = sum.Sum;
            }
            weightedArea += _weights[band] * area;
        }
        return 1.0 - weightedArea / RandomArea(_thresholds, _weights);
    }

    private bool[]? KeptRows(MetricInput input)
    {
        if (_filterColumn is null) return null;
        var values = input.AnswerColumn(_filterColumn).Numbers;
        var kept = new bool[values.Length];
        var any = false;
        for (var i = 0; i < values.Length; i++)
        {
            // NaN compares false, so rows without a value are dropped, as pandas drops them.
            kept[i] = values[i] > _filterGreaterThan;
            any |= kept[i];
        }
        if (!any)
            throw new CompetitionDataException($"No answer row has {_filterColumn} > {_filterGreaterThan}, so there is nothing to evaluate.");
        return kept;
    }

    /// <summary>
    /// Labels and scores of the kept rows. Only kept rows reach roc_curve upstream, so only they need finite scores.
    /// roc_curve accepts the label sets {0, 1} and {−1, 1} (1 positive) and has no curve for one class.
    /// </summary>
    private static (bool[] IsPositive, double[] Scores) ReadKept(MetricColumn truth, MetricColumn prediction, bool[]? kept)
    {
        var labels = truth.Numbers;
        var values = prediction.Numbers;
        var count = 0;
        for (var i = 0; i < labels.Length; i++)
            if (kept is null || kept[i]) count++;
        var isPositive = new bool[count];
        var scores = new double[count];
        bool sawZero = false, sawMinusOne = false, sawOne = false;
        var k = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (kept is not null && !kept[i]) continue;
            var label = labels[i];
            if (label == 1) sawOne = true;
            else if (label == 0) sawZero = true;
            else if (label == -1) sawMinusOne = true;
            else
                throw new CompetitionDataException(
                    $"Answer column '{truth.Name}' holds {(double.IsNaN(label) ? "no value" : label.ToString(System.Globalization.CultureInfo.InvariantCulture))} at row {i + 1}; roc_curve needs labels 0/1 or -1/1.");
            var score = values[i];
            if (!double.IsFinite(score))
                throw prediction.Problem(double.IsNaN(score)
                    ? $"Column '{prediction.Name}' has an empty or NaN value at row {i + 1}; every scored row needs a finite number."
                    : $"Column '{prediction.Name}' has an infinite value at row {i + 1}; every scored row needs a finite number.");
            isPositive[k] = label == 1;
            scores[k] = score;
            k++;
        }
        if (sawZero && sawMinusOne)
            throw new CompetitionDataException($"Answer column '{truth.Name}' mixes labels 0 and -1; roc_curve needs labels 0/1 or -1/1.");
        if (!sawOne || !(sawZero || sawMinusOne))
            throw new CompetitionDataException(
                $"Answer column '{truth.Name}' has only one class among the scored rows, so the ROC curve is undefined.");
        return (isPositive, scores);
    }

    private static double RandomArea(double[] thresholds, double[] weights)
    {
        double total = 0;
        for (var band = 0; band < weights.Length; band++)
        {
            var low = thresholds[band];
            var high = thresholds[band + 1];
            total += weights[band] * (0.5 * (high * high - low * low));
        }
        return total;
    }

    /// <summary>np.linspace(0.0, 1.0, n): i · (1/(n−1)), the last point set to exactly 1.</summary>
    private static double[] Linspace(int count)
    {
        var step = 1.0 / (count - 1);
        var grid = new double[count];
        for (var i = 0; i < count; i++) grid[i] = i * step;
        grid[count - 1] = 1.0;
        return grid;
    }

    /// <summary>
    /// np.interp(x, xp, fp) for non-decreasing <paramref name="xs"/>: among repeated xs the last point wins, and
    /// between points the slope form numpy uses.
    /// </summary>
    private static double Interpolate(double x, double[] xs, double[] ys)
    {
        var n = xs.Length;
        var j = SearchSorted.Right(xs, x) - 1;
        if (j < 0) return ys[0];
        if (j >= n - 1) return ys[n - 1];
        if (xs[j] == x) return ys[j];
        var slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
        return slope * (x - xs[j]) + ys[j];
    }
}

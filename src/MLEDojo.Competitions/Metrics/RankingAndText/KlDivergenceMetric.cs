namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean Kullback-Leibler divergence KL(truth ‖ prediction) per row, over the target columns taken as one
/// distribution (HMS harmful brain activity). The answer's votes are divided by their row sum (a row of zeros stays
/// zeros); predictions are clipped to [<c>eps</c>, 1] and not renormalised; terms whose answer share is 0 count 0.
/// With <c>row_sum_atol</c> set, each prediction row must sum to 1 within <c>np.allclose</c>'s tolerance
/// (atol + 1e-5), the check the upstream class makes before scoring.
/// </summary>
public sealed class KlDivergenceMetric : IMetric
{
    public const string FamilyName = "kl_divergence";
    private const double AllCloseRelativeTolerance = 1e-5;

    private readonly double _epsilon;
    private readonly double? _rowSumTolerance;

    public KlDivergenceMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "eps", "row_sum_atol");
        _epsilon = parameters.FiniteDouble("eps", 1e-15);
        if (_epsilon is <= 0 or >= 1)
            throw new ArgumentException($"Parameter 'eps' must be in (0, 1), not {_epsilon}.");
        if (parameters.Has("row_sum_atol") && parameters.GetString("row_sum_atol") is not null)
        {
            _rowSumTolerance = parameters.FiniteDouble("row_sum_atol", 0);
            if (_rowSumTolerance < 0) throw new ArgumentException($"Parameter 'row_sum_atol' must be non-negative, not {_rowSumTolerance}.");
        }
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.RequireRows(input, FamilyName);
        if (input.Truth.Count < 2)
            throw new CompetitionDataException($"Metric family '{FamilyName}' needs at least two target columns (one per class).");
        var answers = input.Truth.Select(c => c.FiniteNumbers()).ToArray();
        var predictions = input.Prediction.Select(c => c.FiniteNumbers()).ToArray();
        if (_rowSumTolerance is { } tolerance) CheckRowSums(input.Prediction, predictions, tolerance);

        var mean = new CompensatedSum();
        for (var row = 0; row < input.RowCount; row++)
        {
            double answerSum = 0;
            foreach (var column in answers) answerSum += column[row];
            double divergence = 0;
            for (var c = 0; c < answers.Length; c++)
            {
                var share = answerSum == 0 ? 0.0 : answers[c][row] / answerSum;
                if (share > 0)
                    divergence += share * Math.Log(share / Math.Clamp(predictions[c][row], _epsilon, 1.0));
            }
            mean.Add(divergence);
        }
        return mean.Mean;
    }

    private static void CheckRowSums(IReadOnlyList<MetricColumn> columns, double[][] predictions, double tolerance)
    {
        for (var row = 0; row < predictions[0].Length; row++)
        {
            double sum = 0;
            foreach (var column in predictions) sum += column[row];
            if (!(Math.Abs(sum - 1) <= tolerance + AllCloseRelativeTolerance))
                throw columns[0].Problem(
                    $"The probabilities in columns {string.Join(", ", columns.Select(c => c.Name))} must sum to 1 in every row, but row {row + 1} sums to {sum:R}.");
        }
    }
}

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>weighted_mae</c>: <c>sum(w·|y - p|) / sum(w)</c>, the weights being an answer-only column (benchmark bond
/// trade price). Params: <c>weight_column</c> (required; it must also be listed in the entry's
/// <c>answer_columns</c>). Weights may be negative, as upstream does not forbid them; a zero total has no score.
/// </summary>
internal sealed class WeightedAbsoluteErrorMetric : IMetric
{
    private readonly string _weightColumn;

    public WeightedAbsoluteErrorMetric(MetricParameters parameters) =>
        _weightColumn = parameters.RequireKnown(Family, "weight_column").Text("weight_column");

    public string Family => "weighted_mae";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        RegressionData.RequireOneTarget(input, Family);
        var weights = input.AnswerColumn(_weightColumn).FiniteNumbers();
        var truth = input.Truth[0].FiniteNumbers();
        var prediction = input.Prediction[0].FiniteNumbers();
        var totalWeight = NumpySum.Sum(weights);
        if (totalWeight == 0)
            throw new CompetitionDataException(
                $"Column '{_weightColumn}' of the answer sums to 0, so the weighted mean absolute error has no value.");
        var losses = new double[truth.Length];
        for (var i = 0; i < losses.Length; i++)
            losses[i] = weights[i] * Math.Abs(truth[i] - prediction[i]);
        return NumpySum.Sum(losses) / totalWeight;
    }
}

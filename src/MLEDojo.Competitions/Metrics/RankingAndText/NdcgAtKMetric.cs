namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Normalised discounted cumulative gain at k with one relevant item per row, over one target column: the answer
/// cell is the relevant item, the prediction cell a white-space separated ranking, and a row scores
/// 1 / log2(rank + 1) for the first occurrence of the answer among the first k predictions (0 otherwise); the ideal
/// DCG is 1, so no further normalisation is needed. This is the per-user score of MLE-Dojo's Airbnb class once a
/// user's ranked rows are joined into one cell. Cells are read as Python's <c>str()</c> prints them.
/// </summary>
public sealed class NdcgAtKMetric : IMetric
{
    public const string FamilyName = "ndcg_at_k";

    private readonly int _k;

    public NdcgAtKMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "k");
        _k = parameters.PositiveInt("k", null);
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0].Texts;
        var prediction = input.Prediction[0].Texts;
        var mean = new CompensatedSum();
        for (var row = 0; row < input.RowCount; row++)
        {
            var answer = PythonText.Str(truth[row]).AsSpan();
            var predicted = PythonText.Str(prediction[row]).AsSpan();
            var rank = FirstHitRank.Find(answer, predicted, _k, separator: null);
            mean.Add(rank == 0 ? 0.0 : 1.0 / Math.Log2(rank + 1));
        }
        return mean.Mean;
    }
}

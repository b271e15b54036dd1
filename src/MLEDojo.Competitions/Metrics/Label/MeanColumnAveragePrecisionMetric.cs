namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// freesound-audio-tagging-2019's score (named lwlrap upstream, but computed per label): for every target column,
/// rows are ranked by descending score with numpy's <c>argsort(-score)</c>, the average precision is
/// <c>Σ_k precision@k · truth_k / Σ truth</c> (0 for a column without positives), and the column values are
/// averaged. Ties keep numpy's (unstable) quicksort order, see <see cref="NumpyArgsort"/>.
/// </summary>
public sealed class MeanColumnAveragePrecisionMetric : IMetric
{
    public MeanColumnAveragePrecisionMetric(MetricParameters parameters) =>
        parameters.RequireKnown("mean_column_average_precision");

    public string Family => "mean_column_average_precision";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireRows(input, Family);
        var rows = input.RowCount;
        var order = new int[rows];
        var negated = new double[rows];
        var terms = new double[rows];
        var perColumn = new double[input.Truth.Count];
        for (var c = 0; c < input.Truth.Count; c++)
        {
            var truth = input.Truth[c].FiniteNumbers();
            var scores = input.Prediction[c].FiniteNumbers();
            for (var i = 0; i < rows; i++) negated[i] = -scores[i];
            NumpyArgsort.Sort(negated, order);
            // cumsum of the ranked truth, then (cumsum / rank) · truth, summed the way np.sum does.
            var cumulative = 0.0;
            for (var k = 0; k < rows; k++)
            {
                var hit = truth[order[k]];
                cumulative += hit;
                terms[k] = cumulative / (k + 1) * hit;
            }
            var positives = NumpySum.Sum(truth);
            perColumn[c] = positives > 0 ? NumpySum.Sum(terms) / positives : 0.0;
        }
        return NumpySum.Mean(perColumn);
    }
}

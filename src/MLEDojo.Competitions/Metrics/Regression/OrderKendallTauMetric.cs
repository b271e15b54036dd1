namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>order_kendall_tau</c> (AI4Code): each row holds a whitespace-separated order of item ids, truth and prediction.
/// Each predicted id is replaced by its position in the true order, and the inversions of that sequence are
/// summed over all rows; the score is <c>1 - 4 · inversions / Σ n(n - 1)</c>, with n the length of each true order
/// (1.0 when that sum is 0). As upstream's validation demands, a prediction must name exactly the items of its
/// row (the same set of ids; a repeated id is tolerated, as a set comparison does). No params.
/// </summary>
internal sealed class OrderKendallTauMetric : IMetric
{
    public OrderKendallTauMetric(MetricParameters parameters) => parameters.RequireKnown(Family);

    public string Family => "order_kendall_tau";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        RegressionData.RequireOneTarget(input, Family);
        var truthColumn = input.Truth[0];
        var predictionColumn = input.Prediction[0];
        var truth = truthColumn.Texts;
        var prediction = predictionColumn.Texts;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = positions.GetAlternateLookup<ReadOnlySpan<char>>();
        var ranks = new List<double>();
        var scratch = new List<double>();
        var seen = Array.Empty<bool>();
        long inversions = 0, denominator = 0;
        for (var row = 0; row < truth.Length; row++)
        {
            var trueOrder = truth[row] ?? throw truthColumn.Problem($"Column '{truthColumn.Name}' is empty at row {row + 1}.");
            var predictedOrder = prediction[row] ?? throw predictionColumn.Problem(
                $"Column '{predictionColumn.Name}' is empty at row {row + 1}; give the item ids in your predicted order, separated by spaces.");
            positions.Clear();
            var n = 0;
            foreach (var range in PythonWhiteSpace.Tokens(trueOrder))
                lookup[trueOrder.AsSpan(range)] = n++; // a repeated id keeps its last position, as a dict comprehension does
            ranks.Clear();
            if (seen.Length < n) seen = new bool[Math.Max(n, 2 * seen.Length)];
            else Array.Clear(seen, 0, n);
            var distinctSeen = 0;
            foreach (var range in PythonWhiteSpace.Tokens(predictedOrder))
            {
                if (!lookup.TryGetValue(predictedOrder.AsSpan(range), out var position))
                    throw predictionColumn.Problem(
                        $"Column '{predictionColumn.Name}' row {row + 1} names '{MetricColumn.Shorten(predictedOrder[range])}', which is not an item of that row.");
                ranks.Add(position);
                if (!seen[position])
                {
                    seen[position] = true;
                    distinctSeen++;
                }
            }
            if (distinctSeen != positions.Count)
            {
                var missing = positions.First(pair => !seen[pair.Value]).Key;
                throw predictionColumn.Problem(
                    $"Column '{predictionColumn.Name}' row {row + 1} leaves out '{MetricColumn.Shorten(missing)}' " +
                    $"({positions.Count - distinctSeen} of the row's {positions.Count} items are missing); order every item of the row.");
            }
            while (scratch.Count < ranks.Count) scratch.Add(0);
            inversions += InversionCounter.Count(
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranks),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch));
            denominator += (long)n * (n - 1);
        }
        return denominator == 0 ? 1.0 : 1 - 4 * ((double)inversions / denominator);
    }
}

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>group_log_mae</c> (CHAMPS scalar coupling): rows are grouped by an answer-only column, each group scores
/// <c>log(max(MAE, floor))</c>, and the score is the mean over groups. Params: <c>group_column</c> (required; also
/// listed in the entry's <c>answer_columns</c>), <c>floor</c> (default 1e-9, positive). Rows whose group is empty
/// are left out, as pandas' <c>groupby</c> drops missing keys; groups are visited in pandas' sorted key order so
/// the mean over groups sums in the same order as <c>np.mean</c>.
/// </summary>
internal sealed class GroupLogAbsoluteErrorMetric : IMetric
{
    private readonly string _groupColumn;
    private readonly double _floor;

    public GroupLogAbsoluteErrorMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(Family, "group_column", "floor");
        _groupColumn = parameters.Text("group_column");
        _floor = parameters.OptionalNumber("floor") ?? 1e-9;
        if (_floor <= 0)
            throw new ArgumentException($"Family '{Family}' parameter 'floor' must be positive, not {_floor}; log(0) has no finite value.");
    }

    public string Family => "group_log_mae";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        RegressionData.RequireOneTarget(input, Family);
        var truth = input.Truth[0].FiniteNumbers();
        var prediction = input.Prediction[0].FiniteNumbers();
        var rows = SortedByGroup(input.AnswerColumn(_groupColumn), out var sameGroup);
        if (rows.Length == 0)
            throw new CompetitionDataException($"Column '{_groupColumn}' of the answer is empty on every row, so there is no group to score.");

        var losses = new double[rows.Length];
        var scores = new List<double>();
        for (var start = 0; start < rows.Length;)
        {
            var end = start + 1;
            while (end < rows.Length && sameGroup(rows[start], rows[end])) end++;
            for (var k = start; k < end; k++)
                losses[k - start] = Math.Abs(truth[rows[k]] - prediction[rows[k]]);
            var mae = NumpySum.Mean(losses.AsSpan(0, end - start));
            scores.Add(Math.Log(Math.Max(mae, _floor)));
            start = end;
        }
        return NumpySum.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scores));
    }

    /// <summary>
    /// The rows that have a group, ordered by group key then row (pandas sorts numeric keys by value and text
    /// keys by code point, and keeps each group's rows in frame order).
    /// </summary>
    private static int[] SortedByGroup(MetricColumn groups, out Func<int, int, bool> sameGroup)
    {
        if (groups.IsNumeric)
        {
            var keys = groups.Numbers;
            var rows = Enumerable.Range(0, keys.Length).Where(i => !double.IsNaN(keys[i])).ToArray();
            Array.Sort(rows, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            sameGroup = (a, b) => keys[a] == keys[b];
            return rows;
        }
        var texts = groups.Texts;
        var textRows = Enumerable.Range(0, texts.Length).Where(i => texts[i] is not null).ToArray();
        Array.Sort(textRows, (a, b) =>
        {
            var order = string.CompareOrdinal(texts[a], texts[b]);
            return order != 0 ? order : a.CompareTo(b);
        });
        sameGroup = (a, b) => string.Equals(texts[a], texts[b], StringComparison.Ordinal);
        return textRows;
    }
}

using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Submissions;

/// <summary>
/// Matches submission rows to answer rows by id, as MLE-Dojo's metrics do (sort both by the id column, then
/// require identical sequences). Returns, for each answer row, the submission row that belongs to it.
/// </summary>
internal static class RowAlignment
{
    private const int Examples = 5;

    public static int[]? Align(MetricColumn answerIds, MetricColumn submissionIds, bool idsAsText)
    {
        var numeric = !idsAsText && answerIds.IsNumeric && submissionIds.IsNumeric;
        return numeric
            ? AlignKeys(answerIds.Numbers, submissionIds.Numbers, Comparer<double>.Default, answerIds.Name)
            : AlignKeys(answerIds.Texts, submissionIds.Texts, StringComparer.Ordinal, answerIds.Name);
    }

    /// <returns>null when the submission is already in the answer's order (no copy needed).</returns>
    private static int[]? AlignKeys<T>(T[] answer, T[] submission, IComparer<T?> comparer, string idName)
    {
        if (InSameOrder(answer, submission, comparer)) return null;

        var answerOrder = SortedOrder(answer, comparer);
        var submissionOrder = SortedOrder(submission, comparer);
        for (var i = 0; i < answerOrder.Length; i++)
            if (comparer.Compare(answer[answerOrder[i]], submission[submissionOrder[i]]) != 0)
                throw new InvalidSubmissionException(DescribeMismatch(answer, submission, idName));

        var map = new int[answer.Length];
        for (var i = 0; i < answerOrder.Length; i++) map[answerOrder[i]] = submissionOrder[i];
        return map;
    }

    private static bool InSameOrder<T>(T[] a, T[] b, IComparer<T?> comparer)
    {
        for (var i = 0; i < a.Length; i++)
            if (comparer.Compare(a[i], b[i]) != 0) return false;
        return true;
    }

    /// <summary>
    /// A stable sort of row numbers by key: rows with equal ids keep their file order, so answers that repeat an
    /// id (several rows per image) pair with the submission's rows in order, as pandas' sort leaves them.
    /// </summary>
    private static int[] SortedOrder<T>(T[] keys, IComparer<T?> comparer)
    {
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var copy = (T[])keys.Clone();
        Array.Sort(copy, order, comparer);
        for (int start = 0, end; start < copy.Length; start = end)
        {
            for (end = start + 1; end < copy.Length && comparer.Compare(copy[start], copy[end]) == 0; end++) { }
            if (end - start > 1) Array.Sort(order, start, end - start);
        }
        return order;
    }

    private static string DescribeMismatch<T>(T[] answer, T[] submission, string idName)
    {
        var expected = new HashSet<T?>(answer);
        var seen = new HashSet<T?>();
        var duplicated = new List<T?>();
        var unexpected = new List<T?>();
        foreach (var id in submission)
        {
            if (!seen.Add(id)) { if (duplicated.Count < Examples) duplicated.Add(id); }
            else if (!expected.Contains(id) && unexpected.Count < Examples) unexpected.Add(id);
        }
        var missing = answer.Where(id => !seen.Contains(id)).Distinct().Take(Examples).ToList();
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing ids: {Show(missing)}");
        if (unexpected.Count > 0) parts.Add($"ids not in the test set: {Show(unexpected)}");
        if (duplicated.Count > 0) parts.Add($"ids that appear more than once: {Show(duplicated)}");
        if (parts.Count == 0) parts.Add("the ids differ from the test set's");
        return $"The values in column '{idName}' do not match the test set's ids ({string.Join("; ", parts)}). " +
               $"Write exactly one row for each id of the test set, e.g. by starting from sample_submission.csv.";
    }

    private static string Show<T>(List<T> ids) =>
        string.Join(", ", ids.Select(id => id switch
        {
            null => "(empty)",
            double d => Metrics.PandasText.Render(d, false, Math.Floor(d) == d) ?? "(empty)",
            _ => $"'{id}'",
        })) + (ids.Count == Examples ? ", ..." : "");
}

using MLEDojo.Competitions.Catalog;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Submissions;

/// <summary>
/// Applies the validation rules MLE-Dojo's metric classes share (row count, exact column set, same ids or same
/// row keys) and hands the metric its aligned columns. Messages for the common cases are MLE-Dojo's own, so
/// agents trained there read what they know; the others say precisely what to fix.
/// </summary>
public sealed class SubmissionAligner
{
    private readonly ScoringSpec _spec;
    private readonly CsvFrame _answer;
    private readonly string[] _targets;
    private readonly string[] _predictions;
    private readonly string[] _required;
    private readonly MetricParameters _parameters;
    private readonly AnswerIdIndex? _index;
    private readonly Func<string, MetricColumn>? _reloadAnswerColumn;

    /// <param name="reloadAnswerColumn">
    /// Reads one answer column again. Given it, the aligner drops the answer's id column once the id index holds
    /// every id (a million ids are 8 MB that only a submission the index cannot route would need), and reads it
    /// again for such a submission.
    /// </param>
    public SubmissionAligner(ScoringSpec spec, CsvFrame answer, Func<string, MetricColumn>? reloadAnswerColumn = null)
    {
        _spec = spec;
        _answer = answer;
        _targets = ExpandTargets(spec, answer.Header);
        _predictions = spec.PredictionColumns ?? _targets;
        _required = spec.SubmissionColumns ?? answer.Header.Where(c => !spec.AnswerColumns.Contains(c) || KeyColumns(spec).Contains(c)).ToArray();
        _parameters = new MetricParameters(spec.Params);
        foreach (var column in _targets.Concat(KeyColumns(spec)).Concat(spec.AnswerColumns))
            if (!answer.HasColumn(column))
                throw new CompetitionDataException($"The answer file has no column '{column}', which the scoring spec of '{spec.Name}' names. Its columns: {string.Join(", ", answer.Header)}.");
        _reloadAnswerColumn = reloadAnswerColumn;
        _index = BuildIndex();
        if (_index is not null && reloadAnswerColumn is not null && spec.IdColumn is { } id
            && !_targets.Contains(id) && !spec.AnswerColumns.Contains(id))
            _answer = answer.Without(id);
    }

    /// <summary>
    /// Reads a submission straight into the answer's row order when its ids allow it (see <see cref="AnswerIdIndex"/>);
    /// null when this competition's rows are not matched by a unique id.
    /// </summary>
    internal IRowRouter? Router => _index;

    private AnswerIdIndex? BuildIndex()
    {
        // A row-check column compares file order, and a prediction named like the id needs the id column itself.
        if (_spec.IdColumn is not { } id || _spec.RowCheckColumn is not null || _predictions.Contains(id)) return null;
        return AnswerIdIndex.TryBuild(_answer.Column(id), _spec.IdAsText);
    }

    /// <summary>
    /// The columns read from a submission (the rest only need to exist). The id stays even when answer_columns
    /// also lists it, for a metric that parses the answer's ids (Winton's return index): rows are still aligned by it.
    /// </summary>
    public IReadOnlyCollection<string> ColumnsToRead => _predictions.Except(_spec.AnswerColumns).Concat(KeyColumns(_spec)).Distinct().ToArray();

    /// <summary>The answer columns a scorer must keep in memory.</summary>
    public static IReadOnlyCollection<string> AnswerColumns(ScoringSpec spec, IReadOnlyList<string> answerHeader) =>
        ExpandTargets(spec, answerHeader).Concat(KeyColumns(spec)).Concat(spec.AnswerColumns).Distinct().ToArray();

    public IReadOnlyList<string> RequiredColumns => _required;

    public MetricInput Align(CsvFrame submission)
    {
        if (submission.RowCount != _answer.RowCount)
            throw new InvalidSubmissionException(
                $"Number of rows in submission ({submission.RowCount}) does not match ground truth ({_answer.RowCount}). Please ensure both have the same number of rows.");

        var missing = _required.Where(c => !submission.HasColumn(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidSubmissionException($"Missing required columns in submission: {string.Join(", ", missing)}.");
        var extra = submission.Header.Where(c => !_required.Contains(c)).ToArray();
        if (extra.Length > 0)
            throw new InvalidSubmissionException($"Extra unexpected columns found in submission: {string.Join(", ", extra)}.");

        int[]? rowOf = null;
        if (_spec.IdColumn is { } id && submission.RoutedBy != id)
            rowOf = RowAlignment.Align(AnswerColumn(id), submission.Column(id), _spec.IdAsText);
        if (_spec.RowCheckColumn is { } check)
            CheckRowByRow(_answer.Column(check), submission.Column(check));

        var truth = _targets.Select(t => _answer.Column(t)).ToArray();
        var prediction = _predictions.Select(p => Reorder(submission.Column(p), rowOf)).ToArray();
        var answerOnly = _spec.AnswerColumns.ToDictionary(c => c, c => _answer.Column(c), StringComparer.Ordinal);
        // Every prediction column is this submission's own (routed or read for this call, or reordered into a fresh
        // array) and the scorer drops the input after Evaluate, so a metric may overwrite it.
        return new MetricInput(truth, prediction, _parameters, answerOnly) { PredictionsAreScratch = true };
    }

    private MetricColumn AnswerColumn(string name) =>
        _answer.TryColumn(name, out var column) ? column : _reloadAnswerColumn!(name);

    private static MetricColumn Reorder(MetricColumn column, int[]? rowOf)
    {
        if (rowOf is null) return column;
        if (column.IsNumeric)
        {
            var source = column.Numbers;
            var values = new double[rowOf.Length];
            for (var i = 0; i < values.Length; i++) values[i] = source[rowOf[i]];
            return MetricColumn.FromNumbers(column.Name, values, isSubmission: true, isBoolean: column.IsBoolean, isInteger: column.IsInteger);
        }
        var texts = column.Texts;
        var reordered = new string?[rowOf.Length];
        for (var i = 0; i < reordered.Length; i++) reordered[i] = texts[rowOf[i]];
        return MetricColumn.FromTexts(column.Name, reordered, isSubmission: true);
    }

    private static void CheckRowByRow(MetricColumn answer, MetricColumn submission)
    {
        var expected = answer.Texts;
        var actual = submission.Texts;
        for (var i = 0; i < expected.Length; i++)
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
                throw new InvalidSubmissionException(
                    $"Column '{answer.Name}' must repeat the test set's values in the same order, but data row {i + 1} differs. " +
                    "This competition has no id column: keep the rows of sample_submission.csv in their order and only fill in the predictions.");
    }

    private static string[] ExpandTargets(ScoringSpec spec, IReadOnlyList<string> header) =>
        spec.TargetColumns is ["*"]
            ? header.Where(c => c != spec.IdColumn && c != spec.RowCheckColumn && !spec.AnswerColumns.Contains(c)).ToArray()
            : spec.TargetColumns;

    private static IEnumerable<string> KeyColumns(ScoringSpec spec) =>
        new[] { spec.IdColumn, spec.RowCheckColumn }.OfType<string>();
}

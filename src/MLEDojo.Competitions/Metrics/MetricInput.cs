namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// The answer and the submission with rows already aligned (row i of <see cref="Truth"/> and of
/// <see cref="Prediction"/> describe the same test item) and restricted to the metric's target columns, in the
/// catalog's order. Column <c>j</c> of both sides has the name <c>TargetColumns[j]</c>.
/// </summary>
public sealed class MetricInput
{
    public MetricInput(IReadOnlyList<MetricColumn> truth, IReadOnlyList<MetricColumn> prediction, MetricParameters parameters,
        IReadOnlyDictionary<string, MetricColumn>? answerOnly = null)
    {
        AnswerOnly = answerOnly ?? new Dictionary<string, MetricColumn>();
        if (truth.Count != prediction.Count)
            throw new ArgumentException("Truth and prediction must have the same number of target columns.");
        Truth = truth;
        Prediction = prediction;
        Parameters = parameters;
        RowCount = truth.Count == 0 ? 0 : truth[0].Length;
        foreach (var column in truth.Concat(prediction).Concat(AnswerOnly.Values))
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows, expected {RowCount}.");
    }

    public int RowCount { get; }
    public IReadOnlyList<MetricColumn> Truth { get; }
    public IReadOnlyList<MetricColumn> Prediction { get; }
    public MetricParameters Parameters { get; }

    /// <summary>
    /// The prediction arrays belong to this one evaluation and nothing reads them after it, so a metric may use a
    /// column's array as scratch space once it has read its values (only the scorer's aligned input says so).
    /// </summary>
    internal bool PredictionsAreScratch { get; init; }

    /// <summary>
    /// The catalog's <c>answer_columns</c>: columns of the answer that the submission does not carry (row weights,
    /// groups), in the same row order as <see cref="Truth"/>.
    /// </summary>
    public IReadOnlyDictionary<string, MetricColumn> AnswerOnly { get; }

    /// <summary>An answer-only column by name; a missing one is a catalog mistake, reported as such.</summary>
    public MetricColumn AnswerColumn(string name) =>
        AnswerOnly.TryGetValue(name, out var column)
            ? column
            : throw new CompetitionDataException($"The metric needs the answer column '{name}'; list it in the entry's answer_columns.");
    public IReadOnlyList<string> TargetColumns => Truth.Select(c => c.Name).ToArray();

    /// <summary>Builds an input from plain arrays; convenient for tests and for single-column metrics.</summary>
    public static MetricInput FromNumbers(double[] truth, double[] prediction, MetricParameters? parameters = null, string name = "target") =>
        new([MetricColumn.FromNumbers(name, truth)], [MetricColumn.FromNumbers(name, prediction, isSubmission: true)], parameters ?? MetricParameters.Empty);

    public static MetricInput FromTexts(string?[] truth, string?[] prediction, MetricParameters? parameters = null, string name = "target") =>
        new([MetricColumn.FromTexts(name, truth)], [MetricColumn.FromTexts(name, prediction, isSubmission: true)], parameters ?? MetricParameters.Empty);
}

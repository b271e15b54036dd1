namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean average precision at k of white-space separated predictions, over one target column.
/// <list type="bullet">
/// <item><c>truth: "single"</c>: the whole answer cell is the one right item, and a row scores 1/rank of its first
/// occurrence among the first k predictions (MLE-Dojo's MAP@3/MAP@5 classes; repeats cannot help).</item>
/// <item><c>truth: "list"</c>: the answer cell is itself a list of right items; the row scores
/// Σ hits_so_far/rank over predicted items found in that list, divided by min(|list|, k). Like the Kaggle
/// <c>apk</c> the H&amp;M class uses, a repeated prediction counts again, and a repeated answer item counts in |list|.</item>
/// </list>
/// Cells are read as Python's <c>str()</c> prints them, so a missing cell is the text <c>nan</c>. Lists are split on
/// white space, or on <c>separator</c> when given (then, as in Python, empty pieces count as items).
/// </summary>
public sealed class MapAtKMetric : IMetric
{
    public const string FamilyName = "map_at_k";

    private readonly int _k;
    private readonly bool _truthIsList;
    private readonly bool _stripTruth;
    private readonly string? _separator;

    public MapAtKMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "k", "truth", "strip_truth", "separator");
        _k = parameters.PositiveInt("k", null);
        _truthIsList = parameters.Choice("truth", "list", "list", "single") == "list";
        _stripTruth = parameters.GetBool("strip_truth", false);
        if (_stripTruth && _truthIsList)
            throw new ArgumentException("Parameter 'strip_truth' only applies to truth: \"single\" (a list is split anyway).");
        _separator = parameters.GetString("separator");
        if (_separator is { Length: 0 }) throw new ArgumentException("Parameter 'separator' must not be empty (Python's split rejects it).");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0].Texts;
        var prediction = input.Prediction[0].Texts;
        var mean = new CompensatedSum();
        var truthItems = new List<Range>();
        for (var row = 0; row < input.RowCount; row++)
        {
            var predicted = PythonText.Str(prediction[row]).AsSpan();
            var answer = PythonText.Str(truth[row]).AsSpan();
            mean.Add(_truthIsList ? ScoreAgainstList(answer, predicted, truthItems) : ScoreAgainstSingle(answer, predicted));
        }
        return mean.Mean;
    }

    private double ScoreAgainstSingle(ReadOnlySpan<char> answer, ReadOnlySpan<char> predicted)
    {
        if (_stripTruth) answer = PythonWhiteSpace.Strip(answer);
        var rank = FirstHitRank.Find(answer, predicted, _k, _separator);
        return rank == 0 ? 0.0 : 1.0 / rank;
    }

    private double ScoreAgainstList(ReadOnlySpan<char> answer, ReadOnlySpan<char> predicted, List<Range> truthItems)
    {
        truthItems.Clear();
        foreach (var token in new SplitEnumerator(answer, _separator)) truthItems.Add(token);
        if (truthItems.Count == 0) return 0.0;
        double score = 0, hits = 0;
        var rank = 0;
        foreach (var token in new SplitEnumerator(predicted, _separator))
        {
            if (++rank > _k) break;
            var item = predicted[token];
            foreach (var truthItem in truthItems)
                if (answer[truthItem].SequenceEqual(item))
                {
                    hits += 1;
                    score += hits / rank;
                    break;
                }
        }
        return score / Math.Min(truthItems.Count, _k);
    }
}

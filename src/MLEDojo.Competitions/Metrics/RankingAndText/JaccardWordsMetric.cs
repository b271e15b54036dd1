namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean word-level Jaccard similarity over one target column: each cell is lower-cased and split on white space
/// into a set of words, and a row scores |A ∩ B| / |A ∪ B|.
/// <list type="bullet">
/// <item><c>both_empty</c>: the score of a row where both sets are empty (1.0 for chaii, 0.0 for tweet-sentiment).</item>
/// <item><c>missing</c>: <c>"nan_text"</c> reads a missing cell as the word <c>nan</c> (the class calls <c>str()</c> first);
/// <c>"reject"</c> refuses it (the class calls <c>.lower()</c> on the float NaN and fails).</item>
/// </list>
/// Lower-casing is .NET's invariant simple case mapping; Python's full mapping differs only for a handful of
/// characters (for example 'İ' and a word-final 'Σ').
/// </summary>
public sealed class JaccardWordsMetric : IMetric
{
    public const string FamilyName = "jaccard_words";

    private readonly double _bothEmptyScore;
    private readonly bool _rejectMissing;

    public JaccardWordsMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "both_empty", "missing");
        _bothEmptyScore = parameters.UnitInterval("both_empty", 1.0);
        _rejectMissing = parameters.Choice("missing", "nan_text", "nan_text", "reject") == "reject";
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var answerWords = new WordSet();
        var predictedWords = new WordSet();
        var mean = new CompensatedSum();
        for (var row = 0; row < answers.Length; row++)
        {
            answerWords.Fill(Cell(truth, answers[row], row));
            predictedWords.Fill(Cell(prediction, predictions[row], row));
            var common = answerWords.CountCommon(predictedWords);
            var union = answerWords.Count + predictedWords.Count - common;
            mean.Add(union == 0 ? _bothEmptyScore : (double)common / union);
        }
        return mean.Mean;
    }

    private string Cell(MetricColumn column, string? cell, int row)
    {
        if (cell is null && _rejectMissing)
            throw column.Problem($"Column '{column.Name}' is empty at row {row + 1}; every row needs a text (the upstream metric cannot score a missing value).");
        return PythonText.Str(cell);
    }

    /// <summary>The distinct lower-cased words of one cell, kept as slices of a reused buffer so rows allocate nothing.</summary>
    private sealed class WordSet
    {
        private readonly HashSet<ReadOnlyMemory<char>> _words = new(MemoryTextComparer.Instance);
        private char[] _lowered = new char[256];

        public int Count => _words.Count;

        public void Fill(string text)
        {
            _words.Clear();
            if (_lowered.Length < text.Length) _lowered = new char[Math.Max(text.Length, _lowered.Length * 2)];
            var lowered = _lowered.AsMemory(0, text.Length);
            text.AsSpan().ToLowerInvariant(lowered.Span);
            foreach (var token in PythonWhiteSpace.Tokens(lowered.Span)) _words.Add(lowered[token]);
        }

        public int CountCommon(WordSet other)
        {
            var (small, large) = Count <= other.Count ? (this, other) : (other, this);
            var common = 0;
            foreach (var word in small._words)
                if (large._words.Contains(word)) common++;
            return common;
        }
    }

    private sealed class MemoryTextComparer : IEqualityComparer<ReadOnlyMemory<char>>
    {
        public static readonly MemoryTextComparer Instance = new();

        public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<char> value) => string.GetHashCode(value.Span, StringComparison.Ordinal);
    }
}

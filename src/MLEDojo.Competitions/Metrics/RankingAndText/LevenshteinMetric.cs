namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Edit distance between answer and prediction, over one target column.
/// <list type="bullet">
/// <item><c>tokens: "characters"</c> (default): distance between the texts in Unicode code points, as
/// python-Levenshtein counts them; a missing cell cannot be scored upstream (TypeError) and is rejected.</item>
/// <item><c>tokens: "integers"</c>: each cell is <c>astype(str).split()</c> into Python ints and the distance is between
/// those sequences (multi-modal-gesture-recognition); a token that is not an integer is rejected.</item>
/// <item><c>normalized: false</c> (default) gives the mean distance per row; <c>true</c> gives the summed distance over
/// the total length of the answers.</item>
/// </list>
/// </summary>
public sealed class LevenshteinMetric : IMetric
{
    public const string FamilyName = "levenshtein";
    private const int UnicodeCodePoints = 0x110000;

    private readonly bool _integerTokens;
    private readonly bool _normalized;

    public LevenshteinMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "tokens", "normalized");
        _integerTokens = parameters.Choice("tokens", "characters", "characters", "integers") == "integers";
        _normalized = parameters.GetBool("normalized", false);
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var (distanceSum, answerLength) = _integerTokens
            ? SumOverIntegerTokens(input.Truth[0], input.Prediction[0])
            : SumOverCharacters(input.Truth[0], input.Prediction[0]);
        if (!_normalized) return (double)distanceSum / input.RowCount;
        if (answerLength == 0)
            throw new CompetitionDataException("Every answer is empty, so the distance cannot be normalised by the answers' total length.");
        return (double)distanceSum / answerLength;
    }

    private static (long Distance, long AnswerLength) SumOverCharacters(MetricColumn truth, MetricColumn prediction)
    {
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var editDistance = new EditDistance(UnicodeCodePoints);
        var answerBuffer = new int[256];
        var predictionBuffer = new int[256];
        long distance = 0, answerLength = 0;
        for (var row = 0; row < answers.Length; row++)
        {
            var answer = answers[row] ?? throw truth.Problem($"Column '{truth.Name}' is empty at row {row + 1}; every row needs a text.");
            var predicted = predictions[row] ?? throw prediction.Problem(
                $"Column '{prediction.Name}' is empty at row {row + 1}; every row needs a text (the upstream metric cannot score a missing value).");
            var answerSymbols = ToCodePoints(answer, ref answerBuffer);
            var predictedSymbols = ToCodePoints(predicted, ref predictionBuffer);
            distance += editDistance.Distance(answerSymbols, predictedSymbols);
            answerLength += answerSymbols.Length;
        }
        return (distance, answerLength);
    }

    private static ReadOnlySpan<int> ToCodePoints(string text, ref int[] buffer)
    {
        if (buffer.Length < text.Length) buffer = new int[Math.Max(text.Length, buffer.Length * 2)];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                buffer[count++] = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else
            {
                buffer[count++] = text[i];
            }
        }
        return buffer.AsSpan(0, count);
    }

    private static (long Distance, long AnswerLength) SumOverIntegerTokens(MetricColumn truth, MetricColumn prediction)
    {
        // Python compares the ints themselves, so equal values are equal symbols; dense ids keep the alphabet small.
        var symbolOfValue = new Dictionary<long, int>();
        var (answerSymbols, answerOffsets) = ParseSequences(truth, symbolOfValue);
        var (predictedSymbols, predictedOffsets) = ParseSequences(prediction, symbolOfValue);
        var editDistance = new EditDistance(Math.Max(1, symbolOfValue.Count));
        long distance = 0;
        for (var row = 0; row < answerOffsets.Length - 1; row++)
        {
            var answer = answerSymbols.AsSpan(answerOffsets[row], answerOffsets[row + 1] - answerOffsets[row]);
            var predicted = predictedSymbols.AsSpan(predictedOffsets[row], predictedOffsets[row + 1] - predictedOffsets[row]);
            distance += editDistance.Distance(answer, predicted);
        }
        return (distance, answerSymbols.Length);
    }

    private static (int[] Symbols, int[] Offsets) ParseSequences(MetricColumn column, Dictionary<long, int> symbolOfValue)
    {
        var texts = column.Texts;
        var offsets = new int[texts.Length + 1];
        var symbols = new List<int>(texts.Length * 4);
        for (var row = 0; row < texts.Length; row++)
        {
            var text = PythonText.Str(texts[row]).AsSpan();
            foreach (var token in PythonWhiteSpace.Tokens(text))
            {
                if (!PythonText.TryParseInt(text[token], out var value))
                    throw column.Problem(
                        $"Column '{column.Name}' at row {row + 1} holds '{PythonText.Shorten(text[token].ToString())}', but it must be integers separated by spaces.");
                if (!symbolOfValue.TryGetValue(value, out var symbol))
                {
                    symbol = symbolOfValue.Count;
                    symbolOfValue.Add(value, symbol);
                }
                symbols.Add(symbol);
            }
            offsets[row + 1] = symbols.Count;
        }
        return (symbols.ToArray(), offsets);
    }
}

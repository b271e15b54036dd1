namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// The share of rows whose prediction equals the answer (<c>score: "accuracy"</c>) or differs from it
/// (<c>score: "error_rate"</c>), over one target column.
/// <list type="bullet">
/// <item><c>compare: "text"</c>: both cells as <c>astype(str)</c> prints them (a missing cell is <c>nan</c>, so two
/// missing cells match).</item>
/// <item><c>compare: "raw"</c>: pandas' <c>!=</c> on the columns as read: numbers compare as numbers, texts as texts,
/// a number never equals a text, and a missing cell equals nothing (NaN != NaN).</item>
/// <item><c>first_token: true</c>: only the first white-space separated token of the prediction counts (top-1 of a
/// ranked list); a prediction with no token cannot be scored upstream (IndexError) and is rejected.</item>
/// </list>
/// </summary>
public sealed class ExactMatchMetric : IMetric
{
    public const string FamilyName = "exact_match";

    private readonly bool _errorRate;
    private readonly bool _compareRaw;
    private readonly bool _firstToken;

    public ExactMatchMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "score", "compare", "first_token");
        _errorRate = parameters.Choice("score", "accuracy", "accuracy", "error_rate") == "error_rate";
        _compareRaw = parameters.Choice("compare", "text", "text", "raw") == "raw";
        _firstToken = parameters.GetBool("first_token", false);
        if (_firstToken && _compareRaw)
            throw new ArgumentException("Parameter 'first_token' needs compare: \"text\" (the token is a text).");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var matches = _compareRaw ? CountRawMatches(truth, prediction) : CountTextMatches(truth, prediction);
        var accuracy = (double)matches / input.RowCount;
        return _errorRate ? (double)(input.RowCount - matches) / input.RowCount : accuracy;
    }

    private int CountTextMatches(MetricColumn truth, MetricColumn prediction)
    {
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var matches = 0;
        for (var row = 0; row < answers.Length; row++)
        {
            var predicted = PythonText.Str(predictions[row]).AsSpan();
            if (_firstToken)
            {
                var tokens = PythonWhiteSpace.Tokens(predicted);
                if (!tokens.MoveNext())
                    throw prediction.Problem(
                        $"Column '{prediction.Name}' is blank at row {row + 1}; each row needs at least one predicted label.");
                predicted = predicted[tokens.Current];
            }
            if (predicted.SequenceEqual(PythonText.Str(answers[row]))) matches++;
        }
        return matches;
    }

    private static int CountRawMatches(MetricColumn truth, MetricColumn prediction)
    {
        if (truth.IsNumeric != prediction.IsNumeric) return 0;
        var matches = 0;
        if (truth.IsNumeric)
        {
            var answers = truth.Numbers;
            var predictions = prediction.Numbers;
            for (var row = 0; row < answers.Length; row++)
                if (answers[row] == predictions[row]) matches++;
        }
        else
        {
            var answers = truth.Texts;
            var predictions = prediction.Texts;
            for (var row = 0; row < answers.Length; row++)
                if (answers[row] is not null && string.Equals(answers[row], predictions[row], StringComparison.Ordinal)) matches++;
        }
        return matches;
    }
}

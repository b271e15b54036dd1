namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// The mean over rows of the F1 between the answer's and the submission's whitespace-separated token sets
/// (facebook-recruiting-iii tags, shopee matches): per row <c>P = |T∩S|/|S|</c>, <c>R = |T∩S|/|T|</c>,
/// <c>F1 = 2PR/(P+R)</c>, 0 without overlap and 1 when both sets are empty. <c>cast_to_text</c>: upstream applies
/// <c>str()</c> first, so an empty cell is the token "nan" rather than an error.
/// </summary>
public sealed class MeanSetF1Metric : IMetric
{
    private readonly bool _castToText;

    public MeanSetF1Metric(MetricParameters parameters)
    {
        parameters.RequireKnown("mean_set_f1", "cast_to_text");
        _castToText = parameters.GetBool("cast_to_text", false);
    }

    public string Family => "mean_set_f1";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var truth = LabelTokens.Cells(input.Truth[0], _castToText);
        var prediction = LabelTokens.Cells(input.Prediction[0], _castToText);
        var tokens = new LabelTokens();
        var truthStamp = new List<int>();
        var predictionStamp = new List<int>();
        var scores = new double[truth.Length];
        for (var row = 0; row < truth.Length; row++)
        {
            var stamp = row + 1;
            int truthSize = 0, predictionSize = 0, common = 0;
            for (var position = 0; LabelTokens.Next(truth[row], ref position, out var token);)
            {
                var id = Intern(tokens, token, truthStamp, predictionStamp);
                if (truthStamp[id] == stamp) continue;
                truthStamp[id] = stamp;
                truthSize++;
            }
            for (var position = 0; LabelTokens.Next(prediction[row], ref position, out var token);)
            {
                var id = Intern(tokens, token, truthStamp, predictionStamp);
                if (predictionStamp[id] == stamp) continue;
                predictionStamp[id] = stamp;
                predictionSize++;
                if (truthStamp[id] == stamp) common++;
            }
            scores[row] = RowF1(common, truthSize, predictionSize);
        }
        return NumpySum.Mean(scores);
    }

    private static double RowF1(int common, int truthSize, int predictionSize)
    {
        if (truthSize == 0 && predictionSize == 0) return 1.0;
        if (common == 0) return 0.0;
        var precision = (double)common / predictionSize;
        var recall = (double)common / truthSize;
        return 2 * precision * recall / (precision + recall);
    }

    private static int Intern(LabelTokens tokens, ReadOnlySpan<char> token, List<int> truthStamp, List<int> predictionStamp)
    {
        var id = tokens.FindOrAdd(token);
        if (id == truthStamp.Count)
        {
            truthStamp.Add(0);
            predictionStamp.Add(0);
        }
        return id;
    }
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// kuzushiji-recognition's score: the answer lists boxes as "label x y w h ...", the submission points as
/// "label x y ..." (at most 1200 per image). Per image, each predicted point in order takes the first unmatched box
/// of the same label that contains it (<c>x ≤ px &lt; x+w</c>, <c>y ≤ py &lt; y+h</c>); counts are pooled over images
/// into one micro F1, and 1.0 when neither side has anything.
/// </summary>
public sealed class PointInBoxF1Metric : IMetric
{
    private const int MaximumPointsPerImage = 1200;

    public PointInBoxF1Metric(MetricParameters parameters) => parameters.RequireKnown("point_in_box_f1");

    public string Family => "point_in_box_f1";

    private struct Box
    {
        public int LabelStart, LabelLength;
        public double X, Y, Width, Height;
        public bool Matched;
    }

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var truth = Cells(input.Truth[0]);
        var prediction = Cells(input.Prediction[0]);
        var boxes = new List<Box>();
        long truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var row = 0; row < truth.Length; row++)
        {
            ReadBoxes(truth[row], row, input.Truth[0].Name, boxes);
            var points = 0;
            var matched = 0;
            var gt = truth[row];
            var text = prediction[row];
            var position = 0;
            while (LabelTokens.Next(text, ref position, out var label))
            {
                if (!LabelTokens.Next(text, ref position, out var xToken) || !LabelTokens.Next(text, ref position, out var yToken))
                    throw new InvalidSubmissionException(
                        $"Column '{input.Prediction[0].Name}' row {row + 1}: predictions must be triples 'label x y', but the token count is not a multiple of 3.");
                if (++points > MaximumPointsPerImage)
                    throw new InvalidSubmissionException(
                        $"Column '{input.Prediction[0].Name}' row {row + 1}: more than {MaximumPointsPerImage} predicted points in one image.");
                if (!PythonNumbers.TryParseFloat(xToken, out var x) || !PythonNumbers.TryParseFloat(yToken, out var y))
                    throw new InvalidSubmissionException(
                        $"Column '{input.Prediction[0].Name}' row {row + 1}: point {points} has coordinates '{xToken}' '{yToken}', which are not numbers.");
                var span = CollectionsMarshalSpan(boxes);
                var hit = false;
                for (var b = 0; b < span.Length; b++)
                {
                    ref var box = ref span[b];
                    if (box.Matched || !label.SequenceEqual(gt.AsSpan(box.LabelStart, box.LabelLength))) continue;
                    if (box.X <= x && x < box.X + box.Width && box.Y <= y && y < box.Y + box.Height)
                    {
                        box.Matched = true;
                        hit = true;
                        break;
                    }
                }
                if (hit) matched++;
                else falsePositives++;
            }
            truePositives += matched;
            falseNegatives += boxes.Count - matched;
        }
        if (truePositives == 0 && falsePositives == 0 && falseNegatives == 0) return 1.0;
        var precision = truePositives + falsePositives > 0 ? (double)truePositives / (truePositives + falsePositives) : 0;
        var recall = truePositives + falseNegatives > 0 ? (double)truePositives / (truePositives + falseNegatives) : 0;
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    private static Span<Box> CollectionsMarshalSpan(List<Box> boxes) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(boxes);

    private static void ReadBoxes(string text, int row, string column, List<Box> boxes)
    {
        boxes.Clear();
        var position = 0;
        Span<double> values = stackalloc double[4];
        while (LabelTokens.Next(text, ref position, out var label))
        {
            var labelStart = position - label.Length;
            for (var k = 0; k < 4; k++)
            {
                if (!LabelTokens.Next(text, ref position, out var token))
                    throw new CompetitionDataException($"Answer column '{column}' row {row + 1}: boxes must be 'label x y w h' groups of five tokens.");
                if (!PythonNumbers.TryParseFloat(token, out values[k]))
                    throw new CompetitionDataException($"Answer column '{column}' row {row + 1}: '{token}' is not a number.");
            }
            if (values[2] < 0 || values[3] < 0)
                throw new CompetitionDataException($"Answer column '{column}' row {row + 1}: a box has a negative width or height.");
            boxes.Add(new Box { LabelStart = labelStart, LabelLength = label.Length, X = values[0], Y = values[1], Width = values[2], Height = values[3] });
        }
    }

    /// <summary><c>fillna('').astype(str)</c>: empty cells mean "nothing in this image".</summary>
    private static string[] Cells(MetricColumn column)
    {
        var cells = PandasStrings.AsStr(column);
        if (column.IsNumeric)
        {
            var numbers = column.Numbers;
            for (var i = 0; i < cells.Length; i++)
                if (double.IsNaN(numbers[i])) cells[i] = "";
        }
        else
        {
            var texts = column.Texts;
            for (var i = 0; i < cells.Length; i++)
                if (texts[i] is null) cells[i] = "";
        }
        return cells;
    }
}

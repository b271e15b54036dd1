namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Global wheat detection's score over one target column of "conf x y width height ..." box lists (the answer's
/// confidences are ignored, a trailing incomplete box is dropped). Per image and per IoU threshold, predictions in
/// descending confidence (ties keep their listed order) greedily claim the unclaimed answer box of highest IoU that
/// reaches the threshold; the image scores TP / (TP + FP + FN) averaged over <c>thresholds</c>, and 0 when it has no
/// answer box. The result is the mean over images.
/// </summary>
public sealed class BoxPrecisionIouSweepMetric : IMetric
{
    public const string FamilyName = "box_precision_iou_sweep";
    private const int ValuesPerBox = 5;

    private readonly double[] _thresholds;

    public BoxPrecisionIouSweepMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "thresholds");
        _thresholds = parameters.RequiredDoubles("thresholds", "a list of IoU thresholds");
        if (_thresholds.Length == 0 || _thresholds.Any(t => !(t > 0 && t <= 1)))
            throw new ArgumentException("Parameter 'thresholds' must be a non-empty list of numbers in (0, 1].");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var truth = input.Truth[0];
        var prediction = input.Prediction[0];
        var answers = truth.Texts;
        var predictions = prediction.Texts;
        var answerBoxes = new List<Box>();
        var predictedBoxes = new List<Box>();
        var claimed = new List<bool>();
        var mean = new CompensatedSum();
        for (var row = 0; row < answers.Length; row++)
        {
            Parse(truth, answers[row], row, answerBoxes);
            Parse(prediction, predictions[row], row, predictedBoxes);
            if (answerBoxes.Count == 0)
            {
                mean.Add(0.0);
                continue;
            }
            // List.Sort is unstable; the index makes equal confidences keep their listed order, as Python's sorted does.
            predictedBoxes.Sort((x, y) => y.Confidence != x.Confidence ? y.Confidence.CompareTo(x.Confidence) : x.Index.CompareTo(y.Index));
            double precisionSum = 0;
            foreach (var threshold in _thresholds)
            {
                var truePositives = CountMatches(answerBoxes, predictedBoxes, threshold, claimed);
                var denominator = predictedBoxes.Count + answerBoxes.Count - truePositives;
                precisionSum += (double)truePositives / denominator;
            }
            mean.Add(precisionSum / _thresholds.Length);
        }
        return mean.Mean;
    }

    private static int CountMatches(List<Box> answers, List<Box> predictions, double threshold, List<bool> claimed)
    {
        claimed.Clear();
        for (var i = 0; i < answers.Count; i++) claimed.Add(false);
        var matches = 0;
        foreach (var predicted in predictions)
        {
            var bestIou = 0.0;
            var best = -1;
            for (var j = 0; j < answers.Count; j++)
            {
                if (claimed[j]) continue;
                var iou = Iou(predicted, answers[j]);
                if (iou >= threshold && iou > bestIou)
                {
                    bestIou = iou;
                    best = j;
                }
            }
            if (best < 0) continue;
            claimed[best] = true;
            matches++;
        }
        return matches;
    }

    private static double Iou(Box a, Box b)
    {
        var left = Math.Max(a.X, b.X);
        var top = Math.Max(a.Y, b.Y);
        var right = Math.Min(a.X + a.Width, b.X + b.Width);
        var bottom = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var intersection = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union == 0 ? 0.0 : intersection / union;
    }

    private static void Parse(MetricColumn column, string? cell, int row, List<Box> boxes)
    {
        boxes.Clear();
        if (cell is null) return;
        var text = cell.AsSpan();
        Span<double> values = stackalloc double[ValuesPerBox];
        var filled = 0;
        foreach (var token in PythonWhiteSpace.Tokens(text))
        {
            // Upstream converts every token before grouping, so a bad trailing token fails the row too.
            if (!PythonText.TryParseFloat(text[token], out var value))
                throw column.Problem($"Column '{column.Name}' at row {row + 1} holds '{PythonText.Shorten(text[token].ToString())}', which is not a number.");
            if (column.IsSubmission && !double.IsFinite(value))
                throw column.Problem($"Column '{column.Name}' at row {row + 1} holds '{text[token].ToString()}'; every box value must be a finite number.");
            values[filled++] = value;
            if (filled < ValuesPerBox) continue;
            boxes.Add(new Box(values[0], values[1], values[2], values[3], values[4], boxes.Count));
            filled = 0;
        }
    }

    private readonly record struct Box(double Confidence, double X, double Y, double Width, double Height, int Index);
}

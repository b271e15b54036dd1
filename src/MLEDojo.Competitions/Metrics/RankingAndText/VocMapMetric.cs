namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// PASCAL VOC mean average precision as the SIIM-COVID19 class computes it, over one target column of
/// "class conf xmin ymin xmax ymax ..." lists (answers use the same layout). A cell whose token count is not a
/// multiple of 6 contributes nothing; a group whose numbers do not parse is skipped. For each class with answer
/// boxes, predictions across all images in descending confidence (ties keep row order) take the answer box of
/// highest IoU in their image; IoU ≥ <c>iou_threshold</c> is a true positive unless that box was already taken (then a
/// false positive). AP is the area under the monotone precision envelope (precision = TP/(TP+FP+1e-6)); the result is
/// the mean AP over classes, 0 when no class has answer boxes.
/// </summary>
public sealed class VocMapMetric : IMetric
{
    public const string FamilyName = "voc_map";
    private const int ValuesPerDetection = 6;
    private const double PrecisionEpsilon = 1e-6;

    private readonly double _iouThreshold;

    public VocMapMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "iou_threshold");
        _iouThreshold = parameters.FiniteDouble("iou_threshold", 0.5);
        if (_iouThreshold is <= 0 or > 1) throw new ArgumentException($"Parameter 'iou_threshold' must be in (0, 1], not {_iouThreshold}.");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 1);
        var answersByClass = new Dictionary<string, List<Detection>>(StringComparer.Ordinal);
        var predictionsByClass = new Dictionary<string, List<Detection>>(StringComparer.Ordinal);
        Collect(input.Truth[0], answersByClass);
        Collect(input.Prediction[0], predictionsByClass);

        var mean = new CompensatedSum();
        foreach (var (label, answers) in answersByClass)
            mean.Add(AveragePrecision(answers, predictionsByClass.GetValueOrDefault(label) ?? []));
        return mean.Count == 0 ? 0.0 : mean.Mean;
    }

    private double AveragePrecision(List<Detection> answers, List<Detection> predictions)
    {
        var answersByImage = new Dictionary<int, List<int>>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (!answersByImage.TryGetValue(answers[i].Row, out var list)) answersByImage[answers[i].Row] = list = [];
            list.Add(i);
        }
        var taken = new bool[answers.Count];
        // Collected in row order with a running index, so sorting on (confidence desc, index) is Python's stable sort.
        var ranked = predictions.OrderByDescending(p => p.Confidence).ToList();
        var recalls = new double[ranked.Count];
        var precisions = new double[ranked.Count];
        double truePositives = 0, falsePositives = 0;
        for (var k = 0; k < ranked.Count; k++)
        {
            var predicted = ranked[k];
            var bestIou = 0.0;
            var best = -1;
            if (answersByImage.TryGetValue(predicted.Row, out var candidates))
                foreach (var candidate in candidates)
                {
                    var iou = Iou(predicted, answers[candidate]);
                    if (iou > bestIou)
                    {
                        bestIou = iou;
                        best = candidate;
                    }
                }
            if (bestIou >= _iouThreshold && !taken[best])
            {
                taken[best] = true;
                truePositives++;
            }
            else
            {
                falsePositives++;
            }
            recalls[k] = truePositives / answers.Count;
            precisions[k] = truePositives / (truePositives + falsePositives + PrecisionEpsilon);
        }
        return AreaUnderEnvelope(recalls, precisions);
    }

    /// <summary>VOC 2010 AP: pad recall with 0 and 1 and precision with 0 and 0, take the running maximum of precision from the right, and sum over recall steps.</summary>
    private static double AreaUnderEnvelope(double[] recalls, double[] precisions)
    {
        var n = recalls.Length + 2;
        var recall = new double[n];
        var precision = new double[n];
        recalls.CopyTo(recall, 1);
        precisions.CopyTo(precision, 1);
        recall[n - 1] = 1.0;
        for (var i = n - 1; i > 0; i--) precision[i - 1] = Math.Max(precision[i - 1], precision[i]);
        var area = 0.0;
        for (var i = 0; i < n - 1; i++)
            if (recall[i + 1] != recall[i]) area += (recall[i + 1] - recall[i]) * precision[i + 1];
        return area;
    }

    private static double Iou(Detection a, Detection b)
    {
        var intersection = Math.Max(0, Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin)) * Math.Max(0, Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin));
        if (intersection == 0) return 0.0;
        var union = (a.XMax - a.XMin) * (a.YMax - a.YMin) + (b.XMax - b.XMin) * (b.YMax - b.YMin) - intersection;
        return union <= 0 ? 0.0 : intersection / union;
    }

    private static void Collect(MetricColumn column, Dictionary<string, List<Detection>> byClass)
    {
        var cells = column.Texts;
        Span<double> values = stackalloc double[ValuesPerDetection - 1];
        for (var row = 0; row < cells.Length; row++)
        {
            if (cells[row] is null) continue;
            var text = cells[row].AsSpan();
            if (PythonWhiteSpace.CountTokens(text) % ValuesPerDetection != 0) continue;
            var position = 0;
            var label = "";
            var parsed = true;
            foreach (var token in PythonWhiteSpace.Tokens(text))
            {
                var slot = position++ % ValuesPerDetection;
                if (slot == 0)
                {
                    label = text[token].ToString();
                    parsed = true;
                    continue;
                }
                if (!PythonText.TryParseFloat(text[token], out values[slot - 1])) parsed = false;
                else if (column.IsSubmission && !double.IsFinite(values[slot - 1]))
                    throw column.Problem($"Column '{column.Name}' at row {row + 1} holds '{text[token].ToString()}'; confidences and coordinates must be finite numbers.");
                if (slot < ValuesPerDetection - 1 || !parsed) continue;
                if (!byClass.TryGetValue(label, out var list)) byClass[label] = list = [];
                list.Add(new Detection(row, values[0], values[1], values[2], values[3], values[4]));
            }
        }
    }

    private readonly record struct Detection(int Row, double Confidence, double XMin, double YMin, double XMax, double YMax);
}

namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// scikit-learn's <c>precision_score</c>, <c>recall_score</c>, <c>f1_score</c> and <c>fbeta_score</c> for one
/// label column. <c>average</c>: <c>binary</c> (default; the class <c>pos_label</c>, default 1), <c>micro</c>,
/// <c>macro</c> or <c>weighted</c> over the sorted union of labels, as scikit-learn does without a <c>labels</c>
/// argument. With <c>multilabel_separator</c> each cell is a whitespace-separated label set binarised as
/// <c>MultiLabelBinarizer</c> would (<c>multilabel_classes</c>: <c>union</c> fits on answer and submission,
/// <c>truth</c> on the answer only so unknown predicted labels are ignored) and <c>samples</c> is also allowed.
/// </summary>
public sealed class ClassificationScoreMetric : IMetric
{
    private readonly ScoreKind _kind;
    private readonly double _beta2;
    private readonly string _average;
    private readonly string _positiveLabel;
    private readonly bool _multilabel;
    private readonly bool _classesFromTruthOnly;
    private readonly bool _castToText;

    public ClassificationScoreMetric(string family, ScoreKind kind, MetricParameters parameters)
    {
        Family = family;
        _kind = kind;
        var known = new List<string> { "average", "pos_label", "multilabel_separator", "multilabel_classes", "cast_to_text" };
        if (kind == ScoreKind.FBeta && family != "f1") known.Add("beta");
        parameters.RequireKnown(family, known.ToArray());

        var beta = 1.0;
        if (family == "fbeta")
        {
            if (!parameters.Has("beta")) throw new ArgumentException("Family 'fbeta' requires parameter 'beta'.");
            beta = parameters.GetDouble("beta", 1.0);
            if (double.IsNaN(beta) || beta < 0) throw new ArgumentException($"Parameter 'beta' must be >= 0, got {beta}.");
        }
        _beta2 = beta * beta;

        var separator = parameters.GetString("multilabel_separator");
        _multilabel = separator is not null;
        if (_multilabel && separator != " ")
            throw new ArgumentException($"Parameter 'multilabel_separator' must be \" \" (whitespace, as Python's str.split()), got \"{separator}\".");
        if (_multilabel && !parameters.Has("average"))
            throw new ArgumentException("Multilabel scoring needs an explicit 'average' (micro, macro, weighted or samples); scikit-learn's default 'binary' does not apply.");
        _average = _multilabel
            ? parameters.Choice("average", "samples", "micro", "macro", "weighted", "samples")
            : parameters.Choice("average", "binary", "binary", "micro", "macro", "weighted");
        if (!_multilabel && (parameters.Has("multilabel_classes") || parameters.Has("cast_to_text")))
            throw new ArgumentException("Parameters 'multilabel_classes' and 'cast_to_text' only apply with 'multilabel_separator'.");
        _classesFromTruthOnly = parameters.Choice("multilabel_classes", "union", "union", "truth") == "truth";
        _castToText = parameters.GetBool("cast_to_text", false);
        _positiveLabel = parameters.GetString("pos_label", "1")!;
        if (_multilabel && parameters.Has("pos_label"))
            throw new ArgumentException("Parameter 'pos_label' does not apply to multilabel scoring.");
    }

    public string Family { get; }

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        return _multilabel
            ? EvaluateMultilabel(input.Truth[0], input.Prediction[0])
            : EvaluateSingleLabel(input.Truth[0], input.Prediction[0]);
    }

    private double EvaluateSingleLabel(MetricColumn truth, MetricColumn prediction)
    {
        var labels = ClassLabels.Build(truth, prediction);
        var counts = ClassCounts.FromLabels(labels);
        if (_average != "binary") return SetWiseScore.Average(_kind, _beta2, _average, counts);

        if (labels.ClassCount > 2)
            throw labels.TruthClassCount > 2
                ? new CompetitionDataException($"The answer's column '{truth.Name}' has {labels.TruthClassCount} classes, but the catalog scores it with average='binary'.")
                : new InvalidSubmissionException(
                    $"Column '{prediction.Name}' uses labels the answer does not ({AllLabels(labels)} together); this is a binary task, predict only the answer's two classes.");
        var positive = labels.IndexOf(_positiveLabel);
        if (positive < 0)
        {
            if (labels.ClassCount < 2) return 0.0; // scikit-learn scores the absent positive class with all-zero counts.
            throw labels.TruthClassCount >= 2
                ? new CompetitionDataException($"The positive label {_positiveLabel} is not one of the answer's labels ({AllLabels(labels)}).")
                : new InvalidSubmissionException(
                    $"Column '{prediction.Name}' uses labels the answer does not; together they are {AllLabels(labels)}, and the positive class is {_positiveLabel}.");
        }
        return SetWiseScore.Compute(_kind, _beta2, counts.TruePositives[positive], counts.Predicted[positive], counts.Actual[positive]);
    }

    private double EvaluateMultilabel(MetricColumn truthColumn, MetricColumn predictionColumn)
    {
        var truth = LabelTokens.Cells(truthColumn, _castToText);
        var prediction = LabelTokens.Cells(predictionColumn, _castToText);
        var classes = new LabelTokens();
        foreach (var cell in truth)
            for (var position = 0; LabelTokens.Next(cell, ref position, out var token);) classes.FindOrAdd(token);
        if (!_classesFromTruthOnly)
            foreach (var cell in prediction)
                for (var position = 0; LabelTokens.Next(cell, ref position, out var token);) classes.FindOrAdd(token);
        if (classes.Count < 2)
            throw new CompetitionDataException(
                $"Column '{truthColumn.Name}' holds fewer than two distinct labels, so scikit-learn would not treat it as multilabel and refuses this average.");

        var classCount = classes.Count;
        var truthRow = new int[classCount];
        var predictionRow = new int[classCount];
        var truePositives = new double[classCount];
        var predicted = new double[classCount];
        var actual = new double[classCount];
        var perSample = _average == "samples" ? new double[truth.Length] : null;
        for (var row = 0; row < truth.Length; row++)
        {
            var stamp = row + 1;
            double rowActual = 0, rowPredicted = 0, rowTruePositives = 0;
            for (var position = 0; LabelTokens.Next(truth[row], ref position, out var token);)
            {
                var id = classes.Find(token);
                if (truthRow[id] == stamp) continue;
                truthRow[id] = stamp;
                actual[id]++;
                rowActual++;
            }
            for (var position = 0; LabelTokens.Next(prediction[row], ref position, out var token);)
            {
                var id = classes.Find(token);
                if (id < 0 || predictionRow[id] == stamp) continue;
                predictionRow[id] = stamp;
                predicted[id]++;
                rowPredicted++;
                if (truthRow[id] == stamp)
                {
                    truePositives[id]++;
                    rowTruePositives++;
                }
            }
            if (perSample is not null)
                perSample[row] = SetWiseScore.Compute(_kind, _beta2, rowTruePositives, rowPredicted, rowActual);
        }
        return perSample is not null
            ? NumpySum.Mean(perSample)
            : SetWiseScore.Average(_kind, _beta2, _average, new ClassCounts(truePositives, predicted, actual));
    }

    private static string AllLabels(ClassLabels labels) =>
        string.Join(", ", Enumerable.Range(0, Math.Min(labels.ClassCount, 10)).Select(labels.Describe)) + (labels.ClassCount > 10 ? ", ..." : "");
}

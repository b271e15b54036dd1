namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// Family <c>jigsaw_bias_auc</c>: the Jigsaw Unintended Bias score as MLE-Dojo computes it. The one target column is
/// the submission's score; the truth is the answer-only <c>toxicity_column</c> and each of <c>identity_columns</c>,
/// all binarised at ≥ 0.5 (a missing identity value counts as absent, as pandas' comparison makes it). Per identity,
/// ROC AUC on three row sets: the subgroup (identity present), BPSN (toxic without the identity, or non-toxic with
/// it) and BNSP (non-toxic without it, or toxic with it). A set with one class (or none) has no AUC and is left out.
/// Score = <c>weight</c>·overall AUC + <c>weight</c>·power mean (exponent <c>power</c>) of each of the three AUC
/// lists; a list left with no AUC adds nothing.
/// </summary>
public sealed class JigsawBiasAucMetric : IMetric
{
    private const double Threshold = 0.5;

    private readonly string _toxicityColumn;
    private readonly string[] _identityColumns;
    private readonly double _power;
    private readonly double _weight;

    public JigsawBiasAucMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("jigsaw_bias_auc", "toxicity_column", "identity_columns", "power", "weight");
        var toxicity = parameters.GetString("toxicity_column", "toxicity")!;
        if (string.IsNullOrWhiteSpace(toxicity))
            throw new ArgumentException("Parameter 'toxicity_column' must name an answer column.");
        var identities = parameters.GetStrings("identity_columns")
            ?? throw new ArgumentException("Parameter 'identity_columns' is a required array of answer column names.");
        if (identities.Length == 0 || identities.Any(string.IsNullOrWhiteSpace) || identities.Distinct(StringComparer.Ordinal).Count() != identities.Length)
            throw new ArgumentException("Parameter 'identity_columns' must list distinct, non-empty answer column names.");
        if (identities.Contains(toxicity, StringComparer.Ordinal))
            throw new ArgumentException($"Parameter 'identity_columns' must not contain the toxicity column '{toxicity}'.");
        var power = parameters.OptionalNumber("power") ?? -5;
        if (power == 0)
            throw new ArgumentException("Parameter 'power' must be non-zero (the generalised mean divides by it).");
        _toxicityColumn = toxicity;
        _identityColumns = identities;
        _power = power;
        _weight = parameters.OptionalNumber("weight") ?? 0.25;
    }

    public string Family => "jigsaw_bias_auc";

    public double Evaluate(MetricInput input)
    {
        if (input.Prediction.Count != 1)
            throw new CompetitionDataException($"The jigsaw_bias_auc metric scores exactly one prediction column, not {input.Prediction.Count}.");
        if (input.RowCount == 0) throw new CompetitionDataException("The answer has no rows, so the bias AUC is undefined.");

        var isToxic = ReadToxicity(input.AnswerColumn(_toxicityColumn));
        var scores = input.Prediction[0].FiniteNumbers();
        var overall = RocAuc.Compute(isToxic, scores);

        var subgroup = new List<double>(_identityColumns.Length);
        var backgroundPositive = new List<double>(_identityColumns.Length);
        var backgroundNegative = new List<double>(_identityColumns.Length);
        var rows = input.RowCount;
        var inSubgroup = new bool[rows];
        var inBpsn = new bool[rows];
        var inBnsp = new bool[rows];
        foreach (var name in _identityColumns)
        {
            var identity = input.AnswerColumn(name).Numbers;
            for (var i = 0; i < rows; i++)
            {
                var present = identity[i] >= Threshold;
                inSubgroup[i] = present;
                inBpsn[i] = isToxic[i] != present;
                inBnsp[i] = isToxic[i] == present;
            }
            subgroup.Add(AucWithin(isToxic, scores, inSubgroup));
            backgroundPositive.Add(AucWithin(isToxic, scores, inBpsn));
            backgroundNegative.Add(AucWithin(isToxic, scores, inBnsp));
        }

        // Upstream sums the present components starting from 0 and adds that to the overall term; same order here.
        double bias = 0;
        foreach (var mean in new[] { PowerMean(subgroup), PowerMean(backgroundPositive), PowerMean(backgroundNegative) })
            if (!double.IsNaN(mean)) bias += _weight * mean;
        return _weight * overall + bias;
    }

    /// <summary>
    /// Toxicity binarised at the threshold. Upstream would silently count a missing toxicity as non-toxic and score
    /// a one-class answer 0 for every submission; both are broken answers, so they are reported instead.
    /// </summary>
    private static bool[] ReadToxicity(MetricColumn column)
    {
        var values = column.Numbers;
        var isToxic = new bool[values.Length];
        var toxic = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                throw new CompetitionDataException($"Answer column '{column.Name}' has a missing value at row {i + 1}; every row needs a toxicity.");
            isToxic[i] = values[i] >= Threshold;
            if (isToxic[i]) toxic++;
        }
        if (toxic == 0 || toxic == values.Length)
            throw new CompetitionDataException(
                $"Answer column '{column.Name}' has only {(toxic == 0 ? "non-toxic" : "toxic")} rows (threshold {Threshold}), so the overall AUC is undefined.");
        return isToxic;
    }

    /// <summary>The AUC over the selected rows, or NaN when they hold fewer than two classes (upstream's safe_auc).</summary>
    private static double AucWithin(bool[] isToxic, double[] scores, bool[] selected)
    {
        bool anyToxic = false, anyNonToxic = false;
        for (var i = 0; i < selected.Length && !(anyToxic && anyNonToxic); i++)
        {
            if (!selected[i]) continue;
            if (isToxic[i]) anyToxic = true; else anyNonToxic = true;
        }
        return anyToxic && anyNonToxic ? RocAuc.Compute(isToxic, scores, selected) : double.NaN;
    }

    /// <summary>The generalised mean of the defined AUCs; NaN when none is defined.</summary>
    private double PowerMean(List<double> aucs)
    {
        // A plain sum: at most a few dozen terms, and an AUC of 0 gives an infinite term that compensated
        // summation would turn into NaN where numpy's mean gives infinity (and the mean then 0).
        double sum = 0;
        var count = 0;
        foreach (var auc in aucs)
        {
            if (double.IsNaN(auc)) continue;
            sum += Math.Pow(auc, _power);
            count++;
        }
        return count == 0 ? double.NaN : Math.Pow(sum / count, 1 / _power);
    }
}

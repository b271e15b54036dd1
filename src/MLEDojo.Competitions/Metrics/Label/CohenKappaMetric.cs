namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// scikit-learn's <c>cohen_kappa_score</c>: <c>1 - Σ w·O / Σ w·E</c> over the confusion matrix of the sorted
/// union of labels, where the weight of a cell depends on the classes' positions in that order (not their values):
/// <c>weights</c> null (0 on the diagonal, 1 elsewhere), <c>linear</c> |i−j| or <c>quadratic</c> (i−j)².
/// Both sums are computed in O(rows + classes) with exact integer arithmetic instead of a classes² matrix, so a
/// submission inventing many labels cannot make scoring quadratic.
/// </summary>
public sealed class CohenKappaMetric : IMetric
{
    private readonly string _weights;

    public CohenKappaMetric(MetricParameters parameters)
    {
        parameters.RequireKnown("cohen_kappa", "weights");
        _weights = parameters.Choice("weights", "none", "none", "linear", "quadratic");
    }

    public string Family => "cohen_kappa";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var labels = ClassLabels.Build(input.Truth[0], input.Prediction[0]);
        var classCount = labels.ClassCount;
        var truthTotals = new long[classCount];
        var predictionTotals = new long[classCount];
        Int128 observed = 0;
        for (var i = 0; i < labels.Truth.Length; i++)
        {
            var t = labels.Truth[i];
            var p = labels.Prediction[i];
            truthTotals[t]++;
            predictionTotals[p]++;
            observed += Weight(t, p);
        }
        var rows = labels.Truth.Length;
        var expectedTimesRows = ExpectedTimesRows(truthTotals, predictionTotals, rows);
        // scikit-learn divides observed by Σ w·(outer(totals)/rows); a zero there (one class only) gives NaN, as numpy does.
        return 1 - (double)observed / ((double)expectedTimesRows / rows);
    }

    private long Weight(int i, int j) => _weights switch
    {
        "none" => i == j ? 0 : 1,
        "linear" => Math.Abs(i - j),
        _ => (long)(i - j) * (i - j),
    };

    /// <summary>Σ_ij w(i,j)·predictionTotals[i]·truthTotals[j], exactly.</summary>
    private Int128 ExpectedTimesRows(long[] truthTotals, long[] predictionTotals, long rows)
    {
        var classCount = truthTotals.Length;
        if (_weights == "none")
        {
            Int128 diagonal = 0;
            for (var k = 0; k < classCount; k++) diagonal += (Int128)truthTotals[k] * predictionTotals[k];
            return (Int128)rows * rows - diagonal;
        }
        if (_weights == "quadratic")
        {
            // Σ_j (i−j)² t_j = i²·Σt − 2i·Σ j·t + Σ j²·t, exact in integers.
            Int128 t0 = 0, t1 = 0, t2 = 0;
            for (var j = 0; j < classCount; j++)
            {
                t0 += truthTotals[j];
                t1 += (Int128)j * truthTotals[j];
                t2 += (Int128)j * j * truthTotals[j];
            }
            Int128 total = 0;
            for (var i = 0; i < classCount; i++)
            {
                if (predictionTotals[i] == 0) continue;
                Int128 index = i;
                total += predictionTotals[i] * (index * index * t0 - 2 * index * t1 + t2);
            }
            return total;
        }
        // Linear: Σ_j |i−j| t_j = (i·below − belowIndexed) + (aboveIndexed − i·above), from running sums.
        Int128 above = 0, aboveIndexed = 0, below = 0, belowIndexed = 0, sum = 0;
        for (var j = 0; j < classCount; j++)
        {
            above += truthTotals[j];
            aboveIndexed += (Int128)j * truthTotals[j];
        }
        for (var i = 0; i < classCount; i++)
        {
            // Class i moves from "above or at" to "below or at": |i−i| = 0 either way.
            above -= truthTotals[i];
            aboveIndexed -= (Int128)i * truthTotals[i];
            if (predictionTotals[i] != 0)
                sum += predictionTotals[i] * ((i * below - belowIndexed) + (aboveIndexed - i * above));
            below += truthTotals[i];
            belowIndexed += (Int128)i * truthTotals[i];
        }
        return sum;
    }
}

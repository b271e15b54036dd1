using System.Globalization;

namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// OSIC pulmonary fibrosis' modified Laplace log likelihood. Target columns, in order: the row key
/// (<c>Patient_Week</c>, "&lt;patient&gt;_&lt;week&gt;"), the measured value (<c>FVC</c>) and the predicted spread
/// (<c>Confidence</c>, read from the submission only). Answer rows without a value are dropped, and only each patient's
/// <c>last_weeks</c> latest weeks are scored. Per row, with σ = max(confidence, <c>sigma_min</c>) (a missing confidence
/// counts as 0) and Δ = min(|true − predicted|, <c>delta_max</c>): −√2·Δ/σ − ln(√2·σ); the score is the mean.
/// </summary>
public sealed class LaplaceLogLikelihoodMetric : IMetric
{
    public const string FamilyName = "laplace_log_likelihood";

    private readonly double _sigmaMin;
    private readonly double _deltaMax;
    private readonly int _lastWeeks;

    public LaplaceLogLikelihoodMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "sigma_min", "delta_max", "last_weeks");
        _sigmaMin = parameters.FiniteDouble("sigma_min", 70);
        _deltaMax = parameters.FiniteDouble("delta_max", 1000);
        _lastWeeks = parameters.PositiveInt("last_weeks", 3);
        if (_sigmaMin <= 0) throw new ArgumentException($"Parameter 'sigma_min' must be positive, not {_sigmaMin}.");
        if (_deltaMax <= 0) throw new ArgumentException($"Parameter 'delta_max' must be positive, not {_deltaMax}.");
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 3);
        var keys = input.Truth[0].Texts;
        var trueValues = input.Truth[1].Numbers;
        var predictedColumn = input.Prediction[1];
        var confidenceColumn = input.Prediction[2];
        if (!predictedColumn.IsNumeric) throw predictedColumn.Problem($"Column '{predictedColumn.Name}' must be numeric.");
        if (!confidenceColumn.IsNumeric) throw confidenceColumn.Problem($"Column '{confidenceColumn.Name}' must be numeric.");
        var predicted = predictedColumn.Numbers;
        var confidence = confidenceColumn.Numbers;

        var mean = new CompensatedSum();
        foreach (var row in LatestRowsPerPatient(input.Truth[0], keys, trueValues))
        {
            if (!double.IsFinite(predicted[row]))
                throw predictedColumn.Problem($"Column '{predictedColumn.Name}' has no finite value at row {row + 1} ('{keys[row]}'), which is scored.");
            var spread = double.IsNaN(confidence[row]) ? 0.0 : confidence[row];
            if (double.IsInfinity(spread))
                throw confidenceColumn.Problem($"Column '{confidenceColumn.Name}' is infinite at row {row + 1} ('{keys[row]}').");
            var sigma = Math.Max(spread, _sigmaMin);
            var delta = Math.Min(Math.Abs(trueValues[row] - predicted[row]), _deltaMax);
            mean.Add(-Math.Sqrt(2) * delta / sigma - Math.Log(Math.Sqrt(2) * sigma));
        }
        if (mean.Count == 0)
            throw new CompetitionDataException($"No answer row has a '{input.Truth[1].Name}' value to score.");
        return mean.Mean;
    }

    /// <summary>The rows kept by <c>dropna → sort by week → groupby(patient).tail(n)</c>.</summary>
    private List<int> LatestRowsPerPatient(MetricColumn keyColumn, string?[] keys, double[] trueValues)
    {
        var rowsByPatient = new Dictionary<string, List<(long Week, int Row)>>(StringComparer.Ordinal);
        for (var row = 0; row < keys.Length; row++)
        {
            if (double.IsNaN(trueValues[row])) continue;
            var key = keys[row] ?? throw keyColumn.Problem($"Column '{keyColumn.Name}' is empty at row {row + 1}.");
            var separator = key.LastIndexOf('_');
            if (separator < 0 || !long.TryParse(key.AsSpan(separator + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var week))
                throw keyColumn.Problem($"Column '{keyColumn.Name}' at row {row + 1} holds '{key}', which is not '<patient>_<week>'.");
            var patient = key[..separator];
            if (!rowsByPatient.TryGetValue(patient, out var rows)) rowsByPatient[patient] = rows = [];
            rows.Add((week, row));
        }
        var kept = new List<int>();
        foreach (var rows in rowsByPatient.Values)
        {
            rows.Sort();
            for (var i = Math.Max(0, rows.Count - _lastWeeks); i < rows.Count; i++) kept.Add(rows[i].Row);
        }
        kept.Sort();
        return kept;
    }
}

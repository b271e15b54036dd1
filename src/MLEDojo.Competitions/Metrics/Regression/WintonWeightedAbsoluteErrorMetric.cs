using System.Globalization;

namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>
/// <c>winton_weighted_mae</c> (Winton stock market challenge): <c>sum(w·|y - p|) / n</c>, where each row's weight
/// comes from the answer's intraday weight column when the return index in its id
/// (<c>&lt;window&gt;_&lt;return index&gt;</c>) is 1..60 and from the daily weight column when it is 61 or 62; the
/// other column is ignored for that row. Params: <c>id_column</c> (default <c>Id</c>),
/// <c>intraday_weight_column</c> (default <c>Weight_Intraday</c>), <c>daily_weight_column</c> (default
/// <c>Weight_Daily</c>); all three must be listed in the entry's <c>answer_columns</c>.
/// </summary>
internal sealed class WintonWeightedAbsoluteErrorMetric : IMetric
{
    private const int LastIntradayReturn = 60;
    private const int LastReturn = 62;

    private readonly string _idColumn;
    private readonly string _intradayColumn;
    private readonly string _dailyColumn;

    public WintonWeightedAbsoluteErrorMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(Family, "id_column", "intraday_weight_column", "daily_weight_column");
        _idColumn = parameters.Text("id_column", "Id");
        _intradayColumn = parameters.Text("intraday_weight_column", "Weight_Intraday");
        _dailyColumn = parameters.Text("daily_weight_column", "Weight_Daily");
    }

    public string Family => "winton_weighted_mae";

    public double Evaluate(MetricInput input)
    {
        RegressionData.RequireRows(input, Family);
        RegressionData.RequireOneTarget(input, Family);
        var ids = input.AnswerColumn(_idColumn).Texts;
        var intradayColumn = input.AnswerColumn(_intradayColumn);
        var dailyColumn = input.AnswerColumn(_dailyColumn);
        var intraday = intradayColumn.Numbers;
        var daily = dailyColumn.Numbers;
        var truth = input.Truth[0].FiniteNumbers();
        var prediction = input.Prediction[0].FiniteNumbers();
        var losses = new double[truth.Length];
        for (var i = 0; i < losses.Length; i++)
        {
            var (column, weights) = ReturnIndex(ids[i], i) <= LastIntradayReturn ? (intradayColumn, intraday) : (dailyColumn, daily);
            if (!double.IsFinite(weights[i]))
                throw column.Problem($"Column '{column.Name}' has no finite weight at row {i + 1}, which the row's return index selects.");
            losses[i] = weights[i] * Math.Abs(truth[i] - prediction[i]);
        }
        // Upstream divides by the row count, not by the total weight.
        return NumpySum.Sum(losses) / losses.Length;
    }

    /// <summary>
    /// The return index of an id <c>&lt;window&gt;_&lt;return index&gt;</c>, both parts integers as Python's
    /// <c>int()</c> reads them. The ids are the answer's (the submission's must equal them), so a bad one is a data problem.
    /// </summary>
    private int ReturnIndex(string? id, int row)
    {
        var parts = id?.Split('_');
        if (parts is not { Length: 2 } || PythonInt(parts[0]) is null || PythonInt(parts[1]) is not { } index || index is < 1 or > LastReturn)
            throw new CompetitionDataException(
                $"Column '{_idColumn}' of the answer holds '{id}' at row {row + 1}; ids must be '<window>_<return index>' " +
                $"with integers and a return index between 1 and {LastReturn}.");
        return (int)index;
    }

    private static long? PythonInt(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

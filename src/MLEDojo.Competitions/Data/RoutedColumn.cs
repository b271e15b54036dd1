using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Data;

/// <summary>
/// One numeric column written at routed row numbers, typed as <see cref="ColumnBuilder"/> types it. Several
/// readers (one per chunk of the file) may write disjoint rows of the same array; each keeps its own typing
/// facts, merged at the end. A column that pandas would type as text cannot be routed: <see cref="Failed"/>.
/// </summary>
internal sealed class RoutedColumn(string name, double[] values)
{
    private enum Kind { Unknown, Number, Boolean }

    private Kind _kind;
    private bool _allInteger = true;
    private bool _anyMissing;

    public string Name { get; } = name;
    public bool Failed { get; private set; }

    public void Set(int row, ReadOnlySpan<byte> cell)
    {
        if (_kind == Kind.Number)
        {
            // Most cells of a prediction column are numbers: try that first, markers after.
            if (CsvCell.TryNumber(cell, out var number, out var isInteger))
            {
                _allInteger &= isInteger;
                values[row] = number;
                return;
            }
            if (CsvCell.IsMissing(cell)) { _anyMissing = true; values[row] = double.NaN; }
            else Failed = true;
            return;
        }
        if (CsvCell.IsMissing(cell)) { _anyMissing = true; values[row] = double.NaN; return; }
        if (_kind == Kind.Unknown)
        {
            if (CsvCell.TryBoolean(cell, out _)) _kind = Kind.Boolean;
            else if (CsvCell.TryNumber(cell, out _, out _)) _kind = Kind.Number;
            else { Failed = true; return; }
            Set(row, cell);
            return;
        }
        if (CsvCell.TryBoolean(cell, out var flag)) values[row] = flag ? 1 : 0;
        else Failed = true;
    }

    /// <summary>
    /// The column the sequential read would have built, or null when the chunks disagree on the type (pandas would
    /// then read text, which only the general path reproduces).
    /// </summary>
    public static MetricColumn? Merge(IReadOnlyList<RoutedColumn> parts, double[] values, bool isSubmission)
    {
        var kind = Kind.Unknown;
        bool allInteger = true, anyMissing = false;
        foreach (var part in parts)
        {
            if (part.Failed) return null;
            if (part._kind != Kind.Unknown)
            {
                if (kind != Kind.Unknown && kind != part._kind) return null;
                kind = part._kind;
            }
            allInteger &= part._allInteger;
            anyMissing |= part._anyMissing;
        }
        return MetricColumn.FromNumbers(parts[0].Name, values, isSubmission, isBoolean: kind == Kind.Boolean,
            isInteger: kind == Kind.Number && allInteger && !anyMissing);
    }
}

using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Data;

/// <summary>
/// One numeric column written at routed row numbers, typed as <see cref="ColumnBuilder"/> types it. Several
/// readers (one per chunk of the file) may write disjoint rows of the same array; each keeps its own typing
/// facts, merged at the end. A column that pandas would type as text cannot be routed: <see cref="Failed"/>.
/// Values are staged in file order and scattered a block at a time, one column after another: writing every
/// column of a row at its random answer row touches as many far-apart pages as there are columns, and the TLB
/// misses made a ten-column read several times slower than the sequential read plus a permutation.
/// </summary>
internal sealed class RoutedColumn(string name, double[] values)
{
    public const int BlockRows = 8192;

    private enum Kind { Unknown, Number, Boolean }

    private readonly double[] _block = new double[BlockRows];

    private Kind _kind;
    private bool _allInteger = true;
    private bool _anyMissing;

    public string Name { get; } = name;
    public bool Failed { get; private set; }

    /// <summary>Writes the staged values of one block at their rows.</summary>
    public void Flush(ReadOnlySpan<int> rows)
    {
        var block = _block;
        for (var i = 0; i < rows.Length; i++) values[rows[i]] = block[i];
    }

    /// <summary>Parses a cell into staging slot <paramref name="slot"/> of the current block.</summary>
    public void Set(int slot, ReadOnlySpan<byte> cell)
    {
        var values = _block;
        var row = slot;
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

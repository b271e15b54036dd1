using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Data;

/// <summary>
/// A CSV file read into typed columns, the way pandas types them. Only the columns that were asked for are
/// materialised; the header always lists every column.
/// </summary>
public sealed class CsvFrame
{
    private readonly Dictionary<string, MetricColumn> _columns;

    internal CsvFrame(IReadOnlyList<string> header, int rowCount, Dictionary<string, MetricColumn> columns, string? routedBy = null)
    {
        Header = header;
        RowCount = rowCount;
        _columns = columns;
        RoutedBy = routedBy;
    }

    /// <summary>
    /// Set when the rows were read straight into the answer's order by this key column (which is then not
    /// materialised): every key matched exactly one answer row.
    /// </summary>
    internal string? RoutedBy { get; }

    public IReadOnlyList<string> Header { get; }
    public int RowCount { get; }

    public bool HasColumn(string name) => Header.Contains(name);

    /// <summary>A materialised column; throws if it was not read or does not exist.</summary>
    public MetricColumn Column(string name) =>
        _columns.TryGetValue(name, out var column)
            ? column
            : throw new KeyNotFoundException($"Column '{name}' was not read from this file.");

    /// <summary>The same file with one materialised column dropped (the header still lists it).</summary>
    internal CsvFrame Without(string name)
    {
        var columns = new Dictionary<string, MetricColumn>(_columns, StringComparer.Ordinal);
        columns.Remove(name);
        return new CsvFrame(Header, RowCount, columns, RoutedBy);
    }

    public bool TryColumn(string name, out MetricColumn column) => _columns.TryGetValue(name, out column!);
}

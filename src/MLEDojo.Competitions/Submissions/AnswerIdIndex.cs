using System.Text;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Submissions;

/// <summary>
/// The answer row of each answer id, built once per competition so that a submission row can be placed in answer
/// order while it is read. It exists only when the answer's ids are unique and a lookup is provably the same
/// verdict as MLE-Dojo's sort-and-compare: with unique answer ids, "the sorted id sequences are equal" is exactly
/// "every submission id is a distinct answer id and the counts match".
/// </summary>
internal sealed class AnswerIdIndex : IRowRouter
{
    // Beyond 2^53 two ids can share one double, and the sort path compares doubles.
    private const double MaxExactInteger = 9007199254740992d;

    private readonly long _min;
    private readonly int[]? _dense;
    private readonly Dictionary<long, int>? _integers;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _texts;
    private readonly bool _isText;

    private AnswerIdIndex(string column, int rows, long min, int[]? dense, Dictionary<long, int>? integers, Dictionary<string, int>? texts)
    {
        Column = column;
        Rows = rows;
        _min = min;
        _dense = dense;
        _integers = integers;
        _isText = texts is not null;
        if (texts is not null) _texts = texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Column { get; }
    public int Rows { get; }

    /// <summary>Null when the ids repeat, are missing, or are of a kind whose comparison a lookup would not reproduce.</summary>
    public static AnswerIdIndex? TryBuild(MetricColumn ids, bool idsAsText)
    {
        if (ids.Length == 0) return null;
        if (ids.IsNumeric)
            // id_as_text compares pandas' renderings, which a numeric lookup would not reproduce (e.g. "1" vs "1.0").
            return idsAsText || ids.IsBoolean ? null : TryBuildIntegers(ids);
        return TryBuildTexts(ids);
    }

    private static AnswerIdIndex? TryBuildIntegers(MetricColumn ids)
    {
        var values = ids.Numbers;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || Math.Floor(v) != v || Math.Abs(v) > MaxExactInteger) return null;
            var key = (long)v;
            if (key < min) min = key;
            if (key > max) max = key;
        }
        // A table up to four entries per row costs at most 16 bytes a row, less than a dictionary entry.
        if (max - min < 4L * values.Length + 1024)
        {
            var dense = new int[max - min + 1];
            for (var i = 0; i < values.Length; i++)
            {
                ref var slot = ref dense[(long)values[i] - min];
                if (slot != 0) return null;
                slot = i + 1;
            }
            return new AnswerIdIndex(ids.Name, values.Length, min, dense, null, null);
        }
        var map = new Dictionary<long, int>(values.Length);
        for (var i = 0; i < values.Length; i++)
            if (!map.TryAdd((long)values[i], i)) return null;
        return new AnswerIdIndex(ids.Name, values.Length, 0, null, map, null);
    }

    private static AnswerIdIndex? TryBuildTexts(MetricColumn ids)
    {
        var texts = ids.Texts;
        var map = new Dictionary<string, int>(texts.Length, StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is not { } text || !map.TryAdd(text, i)) return null;
        return new AnswerIdIndex(ids.Name, texts.Length, 0, null, null, map);
    }

    /// <summary>One cell's row (the per-block lookup for a single key).</summary>
    public bool TryRoute(ReadOnlySpan<byte> cell, ref RouteState state, out int row)
    {
        row = -1;
        Span<int> rows = stackalloc int[1];
        if (!TryKey(cell, ref state, out var key) || !TryRows([key], rows)) return false;
        row = rows[0];
        return true;
    }

    public bool TryKey(ReadOnlySpan<byte> cell, ref RouteState state, out long key)
    {
        key = 0;
        if (CsvCell.IsMissing(cell)) return false;
        if (_isText)
        {
            // Text lookups are not the hot case; the row itself serves as the key.
            if (!TryRouteText(cell, ref state, out var row)) return false;
            key = row;
            return true;
        }
        if (!CsvCell.TryNumber(cell, out var value, out _) || Math.Floor(value) != value || Math.Abs(value) > MaxExactInteger)
            return false;
        key = (long)value;
        return true;
    }

    public bool TryRows(ReadOnlySpan<long> keys, Span<int> rows)
    {
        if (_isText)
        {
            for (var i = 0; i < keys.Length; i++) rows[i] = (int)keys[i];
            return true;
        }
        if (_dense is { } dense)
        {
            var min = _min;
            for (var i = 0; i < keys.Length; i++)
            {
                var offset = keys[i] - min;
                if ((ulong)offset >= (ulong)dense.Length) return false;
                rows[i] = dense[offset] - 1;
            }
            foreach (var row in rows[..keys.Length])
                if (row < 0) return false;
            return true;
        }
        for (var i = 0; i < keys.Length; i++)
            if (!_integers!.TryGetValue(keys[i], out rows[i])) return false;
        return true;
    }

    private bool TryRouteText(ReadOnlySpan<byte> cell, ref RouteState state, out int row)
    {
        row = -1;
        // The sort path compares raw cells only when pandas types the column as text; a cell that is neither a
        // number nor a boolean guarantees that, and the reader refuses to route unless one was seen.
        if (!state.SawPlainText && !CsvCell.TryBoolean(cell, out _) && !CsvCell.TryNumber(cell, out _, out _))
            state.SawPlainText = true;
        if (cell.Length > 512) return _texts.TryGetValue(Encoding.UTF8.GetString(cell), out row);
        Span<char> chars = stackalloc char[512];
        var count = Encoding.UTF8.GetChars(cell, chars);
        return _texts.TryGetValue(chars[..count], out row);
    }

    public bool Complete(in RouteState state) => !_isText || state.SawPlainText;
}

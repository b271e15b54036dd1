namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>How a run-length encoding ("start length start length ...") is read; each upstream class reads it differently.</summary>
internal enum RunLengthRules
{
    /// <summary>
    /// hubmap: pixels are <c>range(start, start + length)</c> collected into a set (runs may overlap). An odd number of
    /// tokens is an error; in a submission a negative start or a length below 1 is too.
    /// </summary>
    PixelSet,

    /// <summary>vesuvius: like <see cref="PixelSet"/>, but start and length must be at least 1 and no pixel may repeat.</summary>
    StrictPixelSet,

    /// <summary>
    /// tgs-salt: 1-based starts written into a flat mask with numpy slicing <c>mask[start-1 : start-1+length] = 1</c>:
    /// negative indices count from the end, everything is clipped to the mask, and an unpaired last start is ignored.
    /// </summary>
    NumpySlices,

    /// <summary>uw-madison: <see cref="NumpySlices"/>, but an odd number of tokens is an error.</summary>
    PairedNumpySlices,
}

/// <summary>
/// Decodes run-length encoded masks into sorted, disjoint, half-open pixel intervals, so that set sizes and
/// intersections cost O(r log r) in the number of runs rather than the number of pixels. Reuses its buffer across rows.
/// </summary>
internal sealed class RunLengthMask(RunLengthRules rules, long pixelCount = 0)
{
    private readonly List<(long Start, long End)> _runs = [];

    public IReadOnlyList<(long Start, long End)> Runs => _runs;

    public long PixelCount { get; private set; }

    /// <summary>Decodes one cell (null = missing = empty mask); returns why it is malformed, or null.</summary>
    public string? Decode(string? cell, bool isSubmission)
    {
        _runs.Clear();
        PixelCount = 0;
        if (cell is null) return null;
        var text = cell.AsSpan();
        var tokenCount = PythonWhiteSpace.CountTokens(text);
        if (tokenCount % 2 != 0 && rules != RunLengthRules.NumpySlices)
            return $"it has {tokenCount} numbers, but run-length encoding needs pairs of start and length";
        long start = 0;
        var index = 0;
        foreach (var token in PythonWhiteSpace.Tokens(text))
        {
            if (!PythonText.TryParseInt(text[token], out var value))
                return $"'{PythonText.Shorten(text[token].ToString())}' is not an integer";
            if (index++ % 2 == 0)
            {
                start = value;
                continue;
            }
            var error = AddRun(start, value, isSubmission);
            if (error is not null) return error;
        }
        return Normalise();
    }

    private string? AddRun(long start, long length, bool isSubmission)
    {
        switch (rules)
        {
            case RunLengthRules.PixelSet:
                if (isSubmission && start < 0) return $"start {start} is negative";
                if (isSubmission && length <= 0) return $"run length {length} must be positive";
                if (length > 0) _runs.Add((start, start + length));
                return null;
            case RunLengthRules.StrictPixelSet:
                if (start < 1 || length < 1) return $"start {start} and length {length} must both be at least 1";
                _runs.Add((start, start + length));
                return null;
            default:
                var from = SliceIndex(start - 1);
                var to = SliceIndex(start - 1 + length);
                if (to > from) _runs.Add((from, to));
                return null;
        }
    }

    private long SliceIndex(long index)
    {
        if (index < 0) return Math.Max(index + pixelCount, 0);
        return Math.Min(index, pixelCount);
    }

    private string? Normalise()
    {
        if (_runs.Count == 0) return null;
        _runs.Sort();
        var merged = 0;
        for (var i = 1; i < _runs.Count; i++)
        {
            var (start, end) = _runs[i];
            if (start < _runs[merged].End)
            {
                if (rules == RunLengthRules.StrictPixelSet) return $"pixel {start} is covered by more than one run";
                _runs[merged] = (_runs[merged].Start, Math.Max(_runs[merged].End, end));
            }
            else if (start == _runs[merged].End && rules != RunLengthRules.StrictPixelSet)
            {
                _runs[merged] = (_runs[merged].Start, end);
            }
            else
            {
                _runs[++merged] = (start, end);
            }
        }
        _runs.RemoveRange(merged + 1, _runs.Count - merged - 1);
        foreach (var (start, end) in _runs) PixelCount += end - start;
        return null;
    }

    /// <summary>The number of pixels both masks cover.</summary>
    public long CountCommon(RunLengthMask other)
    {
        long common = 0;
        int i = 0, j = 0;
        var mine = _runs;
        var theirs = other._runs;
        while (i < mine.Count && j < theirs.Count)
        {
            var overlap = Math.Min(mine[i].End, theirs[j].End) - Math.Max(mine[i].Start, theirs[j].Start);
            if (overlap > 0) common += overlap;
            if (mine[i].End < theirs[j].End) i++;
            else j++;
        }
        return common;
    }

    /// <summary>Decodes a cell of <paramref name="column"/>, turning a malformed one into the right exception for its side.</summary>
    public void DecodeOrThrow(MetricColumn column, string? cell, int row)
    {
        var error = Decode(cell, column.IsSubmission);
        if (error is not null)
            throw column.Problem($"Column '{column.Name}' at row {row + 1} is not a valid run-length encoding: {error}.");
    }
}

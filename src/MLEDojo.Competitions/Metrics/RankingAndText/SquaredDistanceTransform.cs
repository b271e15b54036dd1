namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Exact squared Euclidean distance transform on a small grid (Felzenszwalb and Huttenlocher's lower envelope of
/// parabolas, one pass per axis). Integer inputs give exact integer distances, which is what lets a Hausdorff
/// distance computed from it equal scipy's brute-force <c>directed_hausdorff</c> bit for bit. Reuses its buffers.
/// </summary>
internal sealed class SquaredDistanceTransform
{
    /// <summary>Stands for "no target in this line"; large, yet small enough that sums stay exact in a double.</summary>
    private const long Far = 1L << 40;

    private long[] _grid = new long[1024];
    private long[] _line = new long[64];
    private long[] _lineResult = new long[64];
    private int[] _vertices = new int[64];
    private double[] _boundaries = new double[65];

    /// <summary>
    /// Fills the grid (row-major, <paramref name="rows"/>×<paramref name="columns"/>) with each cell's squared
    /// distance to the nearest cell where <paramref name="isTarget"/> holds; returns the grid (valid until the next call).
    /// </summary>
    public ReadOnlySpan<long> Compute(ReadOnlySpan<bool> isTarget, int rows, int columns)
    {
        var cells = rows * columns;
        if (_grid.Length < cells) _grid = new long[Math.Max(cells, _grid.Length * 2)];
        var longest = Math.Max(rows, columns);
        if (_line.Length < longest)
        {
            _line = new long[longest];
            _lineResult = new long[longest];
            _vertices = new int[longest];
            _boundaries = new double[longest + 1];
        }
        for (var i = 0; i < cells; i++) _grid[i] = isTarget[i] ? 0 : Far;
        for (var c = 0; c < columns; c++) TransformLine(c, columns, rows);
        for (var r = 0; r < rows; r++) TransformLine(r * columns, 1, columns);
        return _grid.AsSpan(0, cells);
    }

    private void TransformLine(int offset, int stride, int length)
    {
        for (var i = 0; i < length; i++) _line[i] = _grid[offset + i * stride];
        var k = 0;
        _vertices[0] = 0;
        _boundaries[0] = double.NegativeInfinity;
        _boundaries[1] = double.PositiveInfinity;
        for (var q = 1; q < length; q++)
        {
            // Boundary 0 is -inf, so this pops at most back to the first parabola.
            var s = Intersection(q, _vertices[k]);
            while (s <= _boundaries[k]) s = Intersection(q, _vertices[--k]);
            k++;
            _vertices[k] = q;
            _boundaries[k] = s;
            _boundaries[k + 1] = double.PositiveInfinity;
        }
        k = 0;
        for (var q = 0; q < length; q++)
        {
            while (_boundaries[k + 1] < q) k++;
            var v = _vertices[k];
            _lineResult[q] = (long)(q - v) * (q - v) + _line[v];
        }
        for (var i = 0; i < length; i++) _grid[offset + i * stride] = _lineResult[i];
    }

    /// <summary>Where the parabola rooted at q overtakes the one rooted at v.</summary>
    private double Intersection(int q, int v) =>
        ((_line[q] + (double)q * q) - (_line[v] + (double)v * v)) / (2.0 * q - 2.0 * v);
}

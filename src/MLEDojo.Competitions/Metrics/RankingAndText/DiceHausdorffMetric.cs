namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// uw-madison GI tract's score over one target column of run-length masks, each decoded (1-based runs, numpy slice
/// semantics, column-major) on a fixed <c>size</c>×<c>size</c> grid whatever the image's real size:
/// <c>dice_weight</c>·mean Dice + (1 − <c>dice_weight</c>)·(1 − mean normalised Hausdorff). Per row, Dice is 0 when both
/// masks are empty (not 1); the Hausdorff distance between the pixel sets, with coordinates divided by the grid size,
/// is divided by √2 and capped at 1; it is 0 when both are empty and 1 when exactly one is.
/// </summary>
public sealed class DiceHausdorffMetric : IMetric
{
    public const string FamilyName = "dice_hausdorff";

    private readonly int _size;
    private readonly double _diceWeight;

    public DiceHausdorffMetric(MetricParameters parameters)
    {
        parameters.RequireKnown(FamilyName, "size", "dice_weight");
        _size = parameters.PositiveInt("size", null);
        if (_size > 46_000) throw new ArgumentException($"Parameter 'size' must be at most 46000 (the grid must fit in memory), not {_size}.");
        _diceWeight = parameters.UnitInterval("dice_weight", 0.4);
    }

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        var hausdorff = new HausdorffOnGrid(_size);
        var dice = new CompensatedSum();
        var distance = new CompensatedSum();
        RunLengthRows.ForEach(input, FamilyName, RunLengthRules.PairedNumpySlices, (long)_size * _size, predictionFirst: false, (answer, predicted) =>
        {
            var total = answer.PixelCount + predicted.PixelCount;
            dice.Add(total == 0 ? 0.0 : 2.0 * answer.CountCommon(predicted) / total);
            distance.Add(NormalisedHausdorff(answer, predicted, hausdorff));
        });
        return _diceWeight * dice.Mean + (1 - _diceWeight) * (1 - distance.Mean);
    }

    private double NormalisedHausdorff(RunLengthMask answer, RunLengthMask predicted, HausdorffOnGrid hausdorff)
    {
        if (answer.PixelCount == 0 && predicted.PixelCount == 0) return 0.0;
        if (answer.PixelCount == 0 || predicted.PixelCount == 0) return 1.0;
        // Coordinates divided by a power of two keep every squared distance exact, as they are in scipy; for
        // other sizes the result can differ from scipy's in the last bit only.
        var distance = Math.Sqrt(hausdorff.SquaredDistance(answer, predicted)) / _size;
        return Math.Min(distance / Math.Sqrt(2), 1.0);
    }
}

/// <summary>
/// The symmetric Hausdorff distance, squared and in pixels, between two non-empty masks given as runs of a
/// column-major grid. Both directed distances come from exact distance transforms over the bounding box of the two
/// masks, which contains every candidate nearest pixel, so the cost follows the masks' extent rather than the grid's.
/// </summary>
internal sealed class HausdorffOnGrid(int size)
{
    private readonly SquaredDistanceTransform _transform = new();
    private bool[] _inFirst = new bool[1024];
    private bool[] _inSecond = new bool[1024];

    public long SquaredDistance(RunLengthMask first, RunLengthMask second)
    {
        int top = int.MaxValue, bottom = -1, left = int.MaxValue, right = -1;
        Extend(first, ref top, ref bottom, ref left, ref right);
        Extend(second, ref top, ref bottom, ref left, ref right);
        int rows = bottom - top + 1, columns = right - left + 1;
        var cells = rows * columns;
        if (_inFirst.Length < cells)
        {
            _inFirst = new bool[Math.Max(cells, _inFirst.Length * 2)];
            _inSecond = new bool[_inFirst.Length];
        }
        Rasterise(first, _inFirst, top, left, rows, columns);
        Rasterise(second, _inSecond, top, left, rows, columns);
        var toSecond = Farthest(_inFirst, _transform.Compute(_inSecond.AsSpan(0, cells), rows, columns));
        var toFirst = Farthest(_inSecond, _transform.Compute(_inFirst.AsSpan(0, cells), rows, columns));
        return Math.Max(toSecond, toFirst);
    }

    private static long Farthest(bool[] members, ReadOnlySpan<long> squaredDistances)
    {
        long farthest = 0;
        for (var i = 0; i < squaredDistances.Length; i++)
            if (members[i] && squaredDistances[i] > farthest) farthest = squaredDistances[i];
        return farthest;
    }

    private void Extend(RunLengthMask mask, ref int top, ref int bottom, ref int left, ref int right)
    {
        foreach (var (start, end) in mask.Runs)
        {
            int firstColumn = (int)(start / size), lastColumn = (int)((end - 1) / size);
            left = Math.Min(left, firstColumn);
            right = Math.Max(right, lastColumn);
            // A run crossing into the next column reaches the last row of one column and the first of the next.
            if (lastColumn > firstColumn)
            {
                top = 0;
                bottom = size - 1;
                continue;
            }
            top = Math.Min(top, (int)(start % size));
            bottom = Math.Max(bottom, (int)((end - 1) % size));
        }
    }

    private void Rasterise(RunLengthMask mask, bool[] cells, int top, int left, int rows, int columns)
    {
        Array.Clear(cells, 0, rows * columns);
        foreach (var (start, end) in mask.Runs)
            for (var pixel = start; pixel < end; pixel++)
            {
                int row = (int)(pixel % size) - top, column = (int)(pixel / size) - left;
                cells[row * columns + column] = true;
            }
    }
}

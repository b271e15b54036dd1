using MLEDojo.Competitions.Metrics.Probability;

namespace MLEDojo.Competitions.Tests.Metrics;

public sealed class OrderedKeysTests
{
    /// <summary>Finite doubles that stress the key mapping: both zeros, subnormals, extremes, both signs.</summary>
    internal static double Nasty(Random random) => random.Next(12) switch
    {
        0 => -0.0,
        1 => 0.0,
        2 => double.Epsilon * random.Next(1, 4) * (random.Next(2) == 0 ? 1 : -1),
        3 => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x000F_FFFF_FFFF_FFFF)) * (random.Next(2) == 0 ? 1 : -1),
        4 => double.MaxValue * (random.Next(2) == 0 ? 1 : -1),
        5 => double.MinValue / random.Next(1, 4),
        6 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEF_FFFF_FFFF_FFFF)) * (random.Next(2) == 0 ? 1 : -1),
        7 => Math.Round(random.NextDouble(), 2),
        _ => random.NextDouble() * 2 - 1,
    };

    [Fact]
    public void KeysCompareAsTheDoublesDo()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            double a = Nasty(random), b = Nasty(random);
            Assert.Equal(a < b ? -1 : a > b ? 1 : 0, Math.Sign(OrderedKeys.Of(a).CompareTo(OrderedKeys.Of(b))));
        }
        Assert.Equal(OrderedKeys.Of(0.0), OrderedKeys.Of(-0.0));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(63, 10)]
    [InlineData(64, 1000)]
    [InlineData(65, 3)]
    [InlineData(5_000, 0)]
    [InlineData(100_000, 7)]
    [InlineData(300_000, 0)]
    [InlineData(300_000, 1_000_000)]
    public void SortsInPlaceAsAComparisonSortDoes(int rows, int distinct)
    {
        var random = new Random(rows * 31 + distinct);
        // distinct 0 draws the nasty values; otherwise few distinct values make long runs of equal keys.
        var values = Enumerable.Range(0, rows).Select(_ => distinct == 0 ? Nasty(random) : random.Next(distinct) / 7.0 - 3).ToArray();
        var keys = values.Select(OrderedKeys.Of).ToArray();
        var expected = keys.ToArray();
        Array.Sort(expected);
        OrderedKeys.SortInPlace(keys);
        Assert.Equal(expected, keys);
    }
}

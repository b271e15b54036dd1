using MLEDojo.Competitions.Metrics.Probability;

namespace MLEDojo.Competitions.Tests.Metrics;

public sealed class RocAucTests
{
    /// <summary>The single sort carrying labels, walked from the top score down (the previous implementation).</summary>
    private static double Reference(bool[] isPositive, double[] scores, bool[]? keepRow)
    {
        var kept = Enumerable.Range(0, scores.Length).Where(i => keepRow is null || keepRow[i]).ToArray();
        var keys = kept.Select(i => scores[i]).ToArray();
        var labels = kept.Select(i => isPositive[i] ? (byte)1 : (byte)0).ToArray();
        Array.Sort(keys, labels);
        double positivesTotal = labels.Sum(l => (double)l), negativesTotal = keys.Length - positivesTotal;
        double truePositives = 0, doubledArea = 0;
        for (var end = keys.Length; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1]) start--;
            double groupPositives = 0;
            for (var j = start; j < end; j++) groupPositives += labels[j];
            doubledArea += (end - start - groupPositives) * (2 * truePositives + groupPositives);
            truePositives += groupPositives;
            end = start;
        }
        return doubledArea / (2 * positivesTotal * negativesTotal);
    }

    [Theory]
    [InlineData(10, 3, false)]
    [InlineData(1000, 7, true)]
    [InlineData(250_000, 1000, false)]
    [InlineData(250_000, 1_000_000, true)]
    public void MatchesTheLabelCarryingSortBitForBit(int rows, int distinctScores, bool skipSome)
    {
        var random = new Random(rows + distinctScores);
        var isPositive = new bool[rows];
        var scores = new double[rows];
        var keep = skipSome ? new bool[rows] : null;
        for (var i = 0; i < rows; i++)
        {
            isPositive[i] = random.NextDouble() < 0.3;
            // Few distinct values force ties, across classes too; -0.0 and 0.0 must tie.
            var bucket = random.Next(distinctScores);
            scores[i] = bucket == 0 ? (random.Next(2) == 0 ? -0.0 : 0.0) : bucket / (double)distinctScores + (isPositive[i] ? 0.1 : 0);
            if (keep is not null) keep[i] = random.Next(5) != 0;
        }
        var expected = Reference(isPositive, scores, keep);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(RocAuc.Compute(isPositive, scores, keep)));
    }

    [Fact]
    public void OneClassIsUndefined() => Assert.True(double.IsNaN(RocAuc.Compute([true, true], [0.1, 0.2])));

    [Theory]
    [InlineData(7, 2, false)]
    [InlineData(64, 5, true)]
    [InlineData(5_000, 3, false)]
    [InlineData(150_000, 50, true)]
    [InlineData(150_000, 0, false)]
    [InlineData(150_000, 0, true)]
    public void HandedOverScoresGiveTheSameBitsAndLeaveLabelsAlone(int rows, int distinct, bool skipSome)
    {
        var random = new Random(rows + 7 * distinct);
        var isPositive = new bool[rows];
        var scores = new double[rows];
        var keep = skipSome ? new bool[rows] : null;
        for (var i = 0; i < rows; i++)
        {
            isPositive[i] = random.Next(3) == 0;
            // distinct 0: zeros of both signs, subnormals and extremes; otherwise ties within and across classes.
            scores[i] = distinct == 0 ? OrderedKeysTests.Nasty(random) : random.Next(distinct) / (double)distinct - 0.5;
            if (keep is not null) keep[i] = random.Next(4) != 0;
        }
        isPositive[0] = true;
        isPositive[^1] = false;
        if (keep is not null) keep[0] = keep[^1] = true;
        var labels = isPositive.ToArray();
        var expected = BitConverter.DoubleToInt64Bits(Reference(isPositive, scores, keep));
        Assert.Equal(expected, BitConverter.DoubleToInt64Bits(RocAuc.Compute(isPositive, scores.ToArray(), keep)));
        Assert.Equal(expected, BitConverter.DoubleToInt64Bits(RocAuc.Compute(isPositive, scores, keep, scoresAreScratch: true)));
        Assert.Equal(labels, isPositive);
    }
}

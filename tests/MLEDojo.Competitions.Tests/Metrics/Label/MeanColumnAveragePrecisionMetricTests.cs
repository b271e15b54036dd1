using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Label;
using static MLEDojo.Competitions.Tests.Metrics.Label.LabelColumns;

namespace MLEDojo.Competitions.Tests.Metrics.Label;

public class MeanColumnAveragePrecisionMetricTests
{
    private static MetricInput Frame(int rows, Func<int, double>[] truth, Func<int, double>[] prediction)
    {
        string[] names = ["Bark", "Purr", "Hiss"];
        return new MetricInput(
            truth.Select((f, c) => MetricColumn.FromNumbers(names[c], Enumerable.Range(0, rows).Select(f).ToArray())).ToArray(),
            prediction.Select((f, c) => MetricColumn.FromNumbers(names[c], Enumerable.Range(0, rows).Select(f).ToArray(), isSubmission: true)).ToArray(),
            MetricParameters.Empty);
    }

    [Fact]
    public void MatchesUpstreamFreesoundEvaluateWithTiedScores() =>
        // Upstream FreesoundAudioTagging2019Metrics.evaluate (numpy 1.24) on the same 40-row frame; scores tie heavily.
        // Ties in a 40-row column do not move this value here, whichever numpy argsort kernel ran.
        AssertClose(0.17668942347254504, new MeanColumnAveragePrecisionMetric(MetricParameters.Empty).Evaluate(Frame(
            40,
            [i => i * 7 % 5 == 0 ? 1 : 0, i => i * 3 % 4 == 1 ? 1 : 0, _ => 0],
            [i => i * 13 % 7 / 10.0, i => i * 11 % 5 / 4.0, i => i * 5 % 3 / 2.0])));

    [Fact]
    public void NaNScoreIsInvalid() =>
        Assert.Throws<InvalidSubmissionException>(() => new MeanColumnAveragePrecisionMetric(MetricParameters.Empty).Evaluate(
            MetricInput.FromNumbers([1, 0], [0.5, double.NaN])));

    [Fact]
    public void EmptyInputIsAClearError() =>
        Assert.Throws<CompetitionDataException>(() => new MeanColumnAveragePrecisionMetric(MetricParameters.Empty).Evaluate(MetricInput.FromNumbers([], [])));

    [Theory]
    // Checksums Σ order[k]·(k+1) mod 1e9+7 of the argsort of v_i = -(((i·7919+13) mod 101) mod m + (i mod 7)/4), from a
    // line-by-line Python transcription of numpy's portable aquicksort (numpy/core/src/npysort/quicksort.cpp). The local
    // numpy dispatches argsort to AVX-512 kernels, which order ties differently from n > 16 on.
    [InlineData(10, 3, 240)]
    [InlineData(17, 50, 1222)]
    [InlineData(100, 3, 239127)]
    [InlineData(1000, 3, 248865701)]
    [InlineData(1000, 50, 249744685)]
    [InlineData(5000, 3, 160757141)]
    [InlineData(5000, 1000, 249047635)]
    public void ArgsortOrdersTiesLikeNumpysPortableQuicksort(int n, int modulus, long checksum)
    {
        var values = Enumerable.Range(0, n).Select(i => -((double)((i * 7919L + 13) % 101 % modulus) + i % 7 * 0.25)).ToArray();
        var order = new int[n];
        NumpyArgsort.Sort(values, order);
        long sum = 0;
        for (var k = 0; k < n; k++) sum = (sum + (long)order[k] * (k + 1)) % 1000000007;
        Assert.Equal(checksum, sum);
    }
}

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

internal static class Approx
{
    /// <summary>Asserts |actual − expected| ≤ 1e-10·max(1, |expected|): tighter than the project's 1e-9 requirement.</summary>
    public static void Equal(double expected, double actual)
    {
        var tolerance = 1e-10 * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"Expected {expected:R}, got {actual:R} (difference {actual - expected:R}).");
    }
}

using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

public sealed class NdcgAtKMetricTests
{
    private const string K5 = """{"k": 5}""";

    [Fact]
    public void Gain_of_the_first_hit_by_rank()
    {
        // numpy: mean(1/log2(2), 1/log2(3), 1/log2(4), 0, 1/log2(6)).
        Approx.Equal(0.5035565121611999,
            Score("ndcg_at_k", K5, ["US", "FR", "IT", "NDF", "ES"], ["US x", "x FR", "x y IT", "a b c d e", "a b c d ES"]));
    }

    [Fact]
    public void Airbnb_rows_joined_per_user_match_the_upstream_class()
    {
        // MLE-Dojo's Airbnb evaluate on one row per (user, country) in this order gives 0.5247853857295762.
        Approx.Equal(0.5247853857295762,
            Score("ndcg_at_k", K5, ["US", "FR", "IT", "NDF", "ES", "US"], ["US x", "x FR", "x y IT", "a", "a b c d ES", "FR US US"]));
    }

    [Fact]
    public void Hits_beyond_k_repeats_and_missing_cells()
    {
        Assert.Equal(0.0, Score("ndcg_at_k", K5, ["ES"], ["a b c d e ES"]));
        Assert.Equal(1.0, Score("ndcg_at_k", K5, ["FR"], ["FR FR"]));
        Assert.Equal(0.0, Score("ndcg_at_k", K5, ["FR"], [null]));
        Assert.Equal(0.0, Score("ndcg_at_k", K5, ["FR"], ["   "]));
    }

    [Fact]
    public void Empty_input_and_bad_parameters()
    {
        Assert.Throws<CompetitionDataException>(() => Score("ndcg_at_k", K5, [], []));
        Assert.Throws<ArgumentException>(() => new NdcgAtKMetric(MetricParameters.Parse("{}")));
        Assert.Throws<ArgumentException>(() => new NdcgAtKMetric(MetricParameters.Parse("""{"k": 5, "relevance": "graded"}""")));
    }
}

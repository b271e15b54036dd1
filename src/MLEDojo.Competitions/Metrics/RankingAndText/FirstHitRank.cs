namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>Where the one right answer first appears in a ranked prediction list, as MAP@k and NDCG@k both need.</summary>
internal static class FirstHitRank
{
    /// <summary>
    /// The 1-based rank of the first item of <paramref name="predicted"/> equal to <paramref name="answer"/> among its
    /// first <paramref name="k"/> items, or 0 when none is; items are split as Python's <c>split(separator)</c> splits.
    /// </summary>
    public static int Find(ReadOnlySpan<char> answer, ReadOnlySpan<char> predicted, int k, string? separator)
    {
        var rank = 0;
        foreach (var token in new SplitEnumerator(predicted, separator))
        {
            if (++rank > k) break;
            if (predicted[token].SequenceEqual(answer)) return rank;
        }
        return 0;
    }
}

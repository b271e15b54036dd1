namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Levenshtein distance (unit-cost insert, delete, substitute) between symbol sequences, as python-Levenshtein's
/// <c>distance</c> computes it. Uses Myers' bit-parallel algorithm in Hyyrö's multi-word form, O(⌈m/64⌉·n) per
/// pair after trimming the common prefix and suffix. Symbols are non-negative ints below <see cref="AlphabetSize"/>.
/// One instance reuses its buffers across calls; it is not thread-safe.
/// </summary>
internal sealed class EditDistance(int alphabetSize)
{
    private readonly int[] _slotStamp = new int[alphabetSize];
    private readonly int[] _slotOfSymbol = new int[alphabetSize];
    private int _stamp;
    private ulong[] _peq = new ulong[64];
    private ulong[] _positive = new ulong[4];
    private ulong[] _negative = new ulong[4];

    public int AlphabetSize => _slotStamp.Length;

    public int Distance(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var prefix = first.CommonPrefixLength(second);
        first = first[prefix..];
        second = second[prefix..];
        var suffix = 0;
        while (suffix < first.Length && suffix < second.Length && first[^(suffix + 1)] == second[^(suffix + 1)]) suffix++;
        first = first[..^suffix];
        second = second[..^suffix];
        // The pattern (bit-vector side) is the shorter sequence, so fewer words per text symbol.
        if (first.Length > second.Length)
        {
            var swap = first;
            first = second;
            second = swap;
        }
        if (first.Length == 0) return second.Length;
        return Myers(first, second);
    }

    private int Myers(ReadOnlySpan<int> pattern, ReadOnlySpan<int> text)
    {
        var words = (pattern.Length + 63) >> 6;
        // A fresh stamp invalidates every symbol slot of the previous call without clearing the tables.
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_slotStamp);
            _stamp = 1;
        }
        var slots = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var symbol = pattern[i];
            if (_slotStamp[symbol] != _stamp)
            {
                _slotStamp[symbol] = _stamp;
                _slotOfSymbol[symbol] = slots++;
            }
        }
        var needed = slots * words;
        if (_peq.Length < needed) _peq = new ulong[Math.Max(needed, _peq.Length * 2)];
        Array.Clear(_peq, 0, needed);
        for (var i = 0; i < pattern.Length; i++)
            _peq[_slotOfSymbol[pattern[i]] * words + (i >> 6)] |= 1UL << (i & 63);
        if (_positive.Length < words)
        {
            _positive = new ulong[words];
            _negative = new ulong[words];
        }
        Array.Fill(_positive, ulong.MaxValue, 0, words);
        Array.Clear(_negative, 0, words);

        var lastBit = 1UL << ((pattern.Length - 1) & 63);
        var score = pattern.Length;
        foreach (var symbol in text)
        {
            var inPattern = _slotStamp[symbol] == _stamp;
            var peqOffset = inPattern ? _slotOfSymbol[symbol] * words : -1;
            // Row 0 of the DP is 0,1,2,...: every column starts with a +1 horizontal delta.
            var carry = 1;
            for (var w = 0; w < words; w++)
            {
                var highBit = w == words - 1 ? lastBit : 1UL << 63;
                carry = AdvanceWord(w, inPattern ? _peq[peqOffset + w] : 0UL, carry, highBit);
            }
            score += carry;
        }
        return score;
    }

    /// <summary>Myers' column step for one 64-row word; returns the horizontal delta leaving its top row.</summary>
    private int AdvanceWord(int word, ulong equal, int carryIn, ulong highBit)
    {
        var positive = _positive[word];
        var negative = _negative[word];
        var vertical = equal | negative;
        if (carryIn < 0) equal |= 1UL;
        var horizontal = (((equal & positive) + positive) ^ positive) | equal;
        var horizontalPositive = negative | ~(horizontal | positive);
        var horizontalNegative = positive & horizontal;
        var carryOut = (horizontalPositive & highBit) != 0 ? 1 : (horizontalNegative & highBit) != 0 ? -1 : 0;
        horizontalPositive <<= 1;
        horizontalNegative <<= 1;
        if (carryIn < 0) horizontalNegative |= 1UL;
        else if (carryIn > 0) horizontalPositive |= 1UL;
        _positive[word] = horizontalNegative | ~(vertical | horizontalPositive);
        _negative[word] = horizontalPositive & vertical;
        return carryOut;
    }

    /// <summary>The textbook O(m·n) dynamic programme; the reference the tests check <see cref="Distance"/> against.</summary>
    internal static int Reference(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++) previous[j] = j;
        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[second.Length];
    }
}

using MLEDojo.Hosting.Storage.Journal;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>The SQLite journal writer's memory of the log: keys, their release once moved, trims, and when to move.</summary>
public sealed class SqliteLoggedKeysTests
{
    [Fact]
    public void Released_rows_are_forgotten_in_sequence_order_and_later_ones_kept()
    {
        var keys = new SqliteLoggedKeys();
        keys.Add(("a", 1, 1), "r1", seq: 10);
        keys.Add(("b", 1, 1), "r2", seq: 11);
        keys.Add(("a", 1, 2), "r3", seq: 12);

        keys.ReleaseUpTo(11);

        Assert.False(keys.TryGet(("a", 1, 1), out _));
        Assert.False(keys.TryGet(("b", 1, 1), out _));
        Assert.True(keys.TryGet(("a", 1, 2), out var request));
        Assert.Equal("r3", request);
        Assert.Equal(1, keys.Count);
        Assert.Equal(12, keys.LastSeq);
    }

    [Fact]
    public void A_trim_forgets_earlier_epochs_and_a_later_release_of_their_rows_is_harmless()
    {
        var keys = new SqliteLoggedKeys();
        keys.Add(("a", 1, 1), "old", seq: 1);
        keys.Add(("a", 2, 1), "new", seq: 2);
        keys.Add(("b", 1, 1), "other", seq: 3);

        keys.RemoveEpochsBefore("a", 2);
        Assert.False(keys.TryGet(("a", 1, 1), out _));
        Assert.Equal(2, keys.Count);

        keys.ReleaseUpTo(1);
        Assert.True(keys.TryGet(("a", 2, 1), out _));
        Assert.True(keys.TryGet(("b", 1, 1), out _));
        keys.ReleaseUpTo(3);
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void A_move_request_resets_what_counts_toward_the_next_one()
    {
        var keys = new SqliteLoggedKeys();
        keys.Add(("a", 1, 1), "r1", seq: 1);
        keys.Add(("a", 1, 2), "r2", seq: 2);
        keys.Add(("b", 1, 1), "r3", seq: 3);
        keys.Add(("b", 1, 1), "retry", seq: 4); // a key already logged is not counted twice
        Assert.Equal((3, 2), (keys.UnrequestedRows, keys.UnrequestedEpisodes));

        keys.MarkRequested();
        keys.Add(("c", 1, 1), "r4", seq: 5);
        Assert.Equal((1, 1), (keys.UnrequestedRows, keys.UnrequestedEpisodes));
        Assert.Equal(4, keys.Count);
    }
}

using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Grains.Episodes.Journal;
using Xunit;

namespace MLEDojo.Bench.Tests;

/// <summary>The bench's journal without storage keeps the journal's contract, so episodes on it behave as in a grid.</summary>
public sealed class MemoryEpisodeJournalTests
{
    private static JournalRecord Record(string episode, long epoch, int step, string request) => new(episode, epoch, step, request, [(byte)step]);

    [Fact]
    public async Task An_epoch_reads_back_in_step_order_and_alone()
    {
        var journal = new MemoryEpisodeJournal();
        await journal.AppendAsync(Record("a", 1, 2, "r2"));
        await journal.AppendAsync(Record("a", 1, 1, "r1"));
        await journal.AppendAsync(Record("a", 2, 1, "s1"));
        await journal.AppendAsync(Record("b", 1, 1, "t1"));

        Assert.Equal(["r1", "r2"], (await journal.ReadAsync("a", 1)).Select(r => r.RequestId));
        Assert.Equal(["s1"], (await journal.ReadAsync("a", 2)).Select(r => r.RequestId));
        Assert.Empty(await journal.ReadAsync("c", 1));
    }

    [Fact]
    public async Task A_retried_append_is_a_no_op_and_another_request_under_a_taken_key_is_refused()
    {
        var journal = new MemoryEpisodeJournal();
        await journal.AppendAsync(Record("a", 1, 1, "r1"));
        await journal.AppendAsync(Record("a", 1, 1, "r1"));

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(Record("a", 1, 1, "other")));
        Assert.Contains("'r1'", conflict.Message);
        Assert.Equal(["r1"], (await journal.ReadAsync("a", 1)).Select(r => r.RequestId));
    }

    [Fact]
    public async Task A_trim_drops_the_earlier_epochs_of_that_episode_only()
    {
        var journal = new MemoryEpisodeJournal();
        await journal.AppendAsync(Record("a", 1, 1, "r1"));
        await journal.AppendAsync(Record("a", 2, 1, "s1"));
        await journal.AppendAsync(Record("b", 1, 1, "t1"));

        await journal.TrimAsync("a", 2);

        Assert.Empty(await journal.ReadAsync("a", 1));
        Assert.Single(await journal.ReadAsync("a", 2));
        Assert.Single(await journal.ReadAsync("b", 1));
    }
}

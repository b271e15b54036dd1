using System.Globalization;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>
/// The journal contract on SQLite (the embedded profile's database file), with the default log limit (these tests'
/// rows stay in the unindexed log), plus what is SQLite's own: the log and its move into the index.
/// </summary>
public class SqliteEpisodeJournalTests : EpisodeJournalContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-journal-" + Guid.NewGuid().ToString("N"));

    protected override async Task<DojoStorageOptions> CreateStorageAsync()
    {
        var storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")}" };
        await SqliteGrainStorageSchema.EnsureCreatedAsync(storage.ConnectionString, CancellationToken.None);
        return storage;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_commit_that_fails_fails_every_caller_of_its_batch_and_the_journal_recovers()
    {
        // No schema in this database: the insert fails, and nothing may be acknowledged.
        var empty = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "empty.db")}" };
        await using var journal = EpisodeJournals.Create(empty, "svc", NullLogger.Instance);
        var appends = Enumerable.Range(1, 3).Select(i => journal.AppendAsync(new("broken" + i, 1, 1, "r", [1]))).ToArray();
        foreach (var append in appends) await Assert.ThrowsAnyAsync<Exception>(() => append);

        await SqliteGrainStorageSchema.EnsureCreatedAsync(empty.ConnectionString, CancellationToken.None);
        await journal.AppendAsync(new("broken1", 1, 1, "r", [1]));
        Assert.Single(await journal.ReadAsync("broken1", 1));
    }

    [Fact]
    public async Task A_key_still_in_the_log_refuses_another_request_after_a_restart()
    {
        await using (var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance))
            await journal.AppendAsync(Record("logged", 1, 1, "req-a"));
        Assert.Equal(1, await CountAsync("dojo_episode_log"));

        await using var reopened = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance);
        await Assert.ThrowsAsync<JournalConflictException>(() => reopened.AppendAsync(Record("logged", 1, 1, "req-b")));
        await reopened.AppendAsync(Record("logged", 1, 1, "req-a"));
        Assert.Equal(["req-a"], (await reopened.ReadAsync("logged", 1)).Select(r => r.RequestId));
    }

    [Fact]
    public async Task A_full_log_moves_into_the_index_and_reads_and_conflicts_stay_the_same()
    {
        await using var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 10, RowsPerEpisode: 4));
        foreach (var step in Enumerable.Range(1, 25))
            await Task.WhenAll(journal.AppendAsync(Record("moved-a", 1, step)), journal.AppendAsync(Record("moved-b", 1, step)));

        Assert.True(await CountAsync("dojo_episode_steps") >= 40, "the full log moved into the index");
        Assert.True(await CountAsync("dojo_episode_log") < 10, "the log was emptied by each move");
        foreach (var episode in new[] { "moved-a", "moved-b" })
            Assert.Equal(Enumerable.Range(1, 25), (await journal.ReadAsync(episode, 1)).Select(r => r.Step));
        // Step 1 moved long ago: its key is in the index now, and still taken.
        await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(Record("moved-a", 1, 1, "another")));
        await journal.AppendAsync(Record("moved-a", 1, 1));
        await journal.TrimAsync("moved-a", 2);
        Assert.Empty(await journal.ReadAsync("moved-a", 1));
        Assert.Equal(25, (await journal.ReadAsync("moved-b", 1)).Count);
    }

    [Theory]
    [InlineData(511, 1, false)]   // below the minimum
    [InlineData(512, 64, true)]   // 8 rows per episode
    [InlineData(512, 1024, false)] // half a row per episode: a move would write as many index pages as rows
    [InlineData(8192, 1024, true)]
    [InlineData(16_384, 5000, true)] // the cap bounds what a read scans
    public void The_log_moves_once_its_episodes_have_several_rows_each(int rows, int episodes, bool due) =>
        Assert.Equal(due, SqliteLogMoves.Default.Due(rows, episodes));

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection(Storage.ConnectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table};";
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

/// <summary>The journal contract on SQLite with every batch moved into the index at once: the indexed path.</summary>
public sealed class SqliteIndexedEpisodeJournalTests : SqliteEpisodeJournalTests
{
    protected override GroupCommitJournal CreateJournal(string serviceId) =>
        EpisodeJournals.Create(Storage, serviceId, NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
}

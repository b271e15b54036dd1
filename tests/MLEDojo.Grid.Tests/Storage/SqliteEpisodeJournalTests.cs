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
/// rows stay in the unindexed log), plus what is SQLite's own: the log in its own file, the mover that copies it into
/// the index on its own thread, and reads and keys across the two.
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
        Assert.Equal(1, await CountAsync(LogFile, "dojo_episode_log"));

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

        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps") >= 40, "the full log moved into the index");
        // The writer deletes what the mover copied with its next batch.
        await journal.AppendAsync(Record("moved-c", 1, 1));
        Assert.True(await CountAsync(LogFile, "dojo_episode_log") < 12, "the writer emptied the log of what was moved");
        foreach (var episode in new[] { "moved-a", "moved-b" })
            Assert.Equal(Enumerable.Range(1, 25), (await journal.ReadAsync(episode, 1)).Select(r => r.Step));
        // Step 1 moved long ago: its key is in the index now, and still taken.
        await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(Record("moved-a", 1, 1, "another")));
        await journal.AppendAsync(Record("moved-a", 1, 1));
        await journal.TrimAsync("moved-a", 2);
        Assert.Empty(await journal.ReadAsync("moved-a", 1));
        Assert.Equal(25, (await journal.ReadAsync("moved-b", 1)).Count);
    }

    [Fact]
    public async Task Appends_commit_while_the_grid_database_is_locked_by_another_writer()
    {
        await using var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
        await journal.AppendAsync(Record("unblocked", 1, 1));

        // An episode's checkpoint, or the mover's move, holding the grid database's write lock: appends go to the log's file.
        await using (var checkpoint = new SqliteConnection(Storage.ConnectionString))
        {
            await checkpoint.OpenAsync();
            using var locked = checkpoint.BeginTransaction(deferred: false);
            var appends = Enumerable.Range(2, 20).Select(step => journal.AppendAsync(Record("unblocked", 1, step))).ToArray();
            var all = Task.WhenAll(appends);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20))));
            await all;
            Assert.Equal(Enumerable.Range(1, 21), (await journal.ReadAsync("unblocked", 1)).Select(r => r.Step));
        }
        // The lock released, the mover catches up and the index has them all.
        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps") == 21, "the mover caught up after the lock");
    }

    [Fact]
    public async Task A_move_that_finds_the_grid_database_locked_is_retried_and_a_trim_waits_for_it()
    {
        // A lock held longer than the storage's timeout: the mover's transaction fails, and it tries again later.
        var storage = new DojoStorageOptions { ConnectionString = Storage.ConnectionString + ";Default Timeout=1" };
        await using var journal = EpisodeJournals.Create(storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
        await journal.AppendAsync(Record("retried", 1, 1));
        await journal.AppendAsync(Record("retried", 2, 1));
        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps") == 2, "both rows moved");

        Task trim;
        await using (var checkpoint = new SqliteConnection(Storage.ConnectionString))
        {
            await checkpoint.OpenAsync();
            using var locked = checkpoint.BeginTransaction(deferred: false);
            await journal.AppendAsync(Record("retried", 2, 2));
            trim = journal.TrimAsync("retried", 2);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.False(trim.IsCompleted, "the trim completed while the index could not be written");
            Assert.Equal([1, 2], (await journal.ReadAsync("retried", 2)).Select(r => r.Step));
        }
        await trim.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(await journal.ReadAsync("retried", 1));
        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps WHERE epoch = 2") == 2, "the move retried after the lock");
    }

    [Fact]
    public async Task Steps_appended_after_the_log_was_emptied_reach_the_index_and_are_never_deleted_unmoved()
    {
        await using var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
        foreach (var step in Enumerable.Range(1, 2)) await journal.AppendAsync(Record("emptied", 1, step));
        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps") == 2, "the first rows moved");

        // This batch deletes the moved rows, emptying the log, and appends a row; the next batches append after it.
        foreach (var step in Enumerable.Range(3, 3)) await journal.AppendAsync(Record("emptied", 1, step));

        await Eventually(async () => await CountAsync(Storage.ConnectionString, "dojo_episode_steps") == 5, "every row moved");
        Assert.Equal(Enumerable.Range(1, 5), (await journal.ReadAsync("emptied", 1)).Select(r => r.Step));
    }

    [Fact]
    public async Task Reads_during_moves_see_every_acknowledged_step_once()
    {
        await using var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 8, RowsPerEpisode: 1, MaxRows: 8));
        const int episodes = 8, steps = 60;
        var acknowledged = new int[episodes];
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, episodes).Select(e => Task.Run(async () =>
        {
            for (var step = 1; step <= steps; step++)
            {
                await journal.AppendAsync(Record("read" + e, 1, step));
                Volatile.Write(ref acknowledged[e], step);
            }
        })).ToArray();
        var reads = 0;
        while (!writers.All(w => w.IsCompleted))
        {
            var e = reads++ % episodes;
            var before = Volatile.Read(ref acknowledged[e]);
            var records = await journal.ReadAsync("read" + e, 1);
            Assert.True(records.Count >= before, $"a read of episode {e} found {records.Count} steps after {before} were acknowledged");
            Assert.Equal(Enumerable.Range(1, records.Count), records.Select(r => r.Step));
        }
        await Task.WhenAll(writers);
        Assert.True(reads > episodes, "the reads ran alongside the appends");
        foreach (var e in Enumerable.Range(0, episodes)) Assert.Equal(steps, (await journal.ReadAsync("read" + e, 1)).Count);
    }

    [Fact]
    public async Task A_row_copied_into_the_index_but_not_yet_deleted_from_the_log_is_read_once_and_keeps_its_key()
    {
        // What a silo that died between the mover's commit and the writer's delete leaves behind.
        await using (var journal = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance))
            foreach (var step in Enumerable.Range(1, 3)) await journal.AppendAsync(Record("both", 1, step, "req-" + step));
        await ExecuteAsync(Storage.ConnectionString, $"""
            ATTACH DATABASE '{SqliteStepLogFile.PathFor(Storage.ConnectionString)}' AS steplog;
            INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
            SELECT service_id, episode_id, epoch, step, request_id, payload FROM steplog.dojo_episode_log;
            """);

        await using var reopened = EpisodeJournals.Create(Storage, "svc", NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
        Assert.Equal([1, 2, 3], (await reopened.ReadAsync("both", 1)).Select(r => r.Step));
        await Assert.ThrowsAsync<JournalConflictException>(() => reopened.AppendAsync(Record("both", 1, 2, "another")));
        await reopened.AppendAsync(Record("both", 1, 2, "req-2"));
        await reopened.AppendAsync(Record("both", 1, 4, "req-4"));
        Assert.Equal([1, 2, 3, 4], (await reopened.ReadAsync("both", 1)).Select(r => r.Step));
    }

    [Fact]
    public async Task A_database_with_the_log_as_a_table_of_its_own_has_its_rows_moved_into_the_index_at_start()
    {
        var legacy = $"Data Source={Path.Combine(_folder, "legacy.db")}";
        await ExecuteAsync(legacy, """
            CREATE TABLE dojo_episode_steps (service_id TEXT NOT NULL, episode_id TEXT NOT NULL, epoch INTEGER NOT NULL, step INTEGER NOT NULL,
                request_id TEXT NOT NULL, payload BLOB NOT NULL, PRIMARY KEY (service_id, episode_id, epoch, step));
            CREATE TABLE dojo_episode_log (seq INTEGER PRIMARY KEY, service_id TEXT NOT NULL, episode_id TEXT NOT NULL, epoch INTEGER NOT NULL,
                step INTEGER NOT NULL, request_id TEXT NOT NULL, payload BLOB NOT NULL);
            INSERT INTO dojo_episode_steps VALUES ('svc', 'old', 1, 1, 'r1', x'01');
            INSERT INTO dojo_episode_log (service_id, episode_id, epoch, step, request_id, payload) VALUES ('svc', 'old', 1, 2, 'r2', x'02'), ('other', 'old', 1, 1, 'o1', x'03');
            """);

        await SqliteGrainStorageSchema.EnsureCreatedAsync(legacy, CancellationToken.None);
        await SqliteGrainStorageSchema.EnsureCreatedAsync(legacy, CancellationToken.None);

        Assert.Equal(0, await CountAsync(legacy, "sqlite_master WHERE name = 'dojo_episode_log'"));
        await using var journal = EpisodeJournals.Create(new DojoStorageOptions { ConnectionString = legacy }, "svc", NullLogger.Instance);
        Assert.Equal(["r1", "r2"], (await journal.ReadAsync("old", 1)).Select(r => r.RequestId));
        await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(new("old", 1, 2, "another", [9])));
        await using var other = EpisodeJournals.Create(new DojoStorageOptions { ConnectionString = legacy }, "other", NullLogger.Instance);
        Assert.Equal(["o1"], (await other.ReadAsync("old", 1)).Select(r => r.RequestId));
    }

    [Theory]
    [InlineData(511, 1, false)]   // below the minimum
    [InlineData(512, 64, true)]   // 8 rows per episode
    [InlineData(512, 1024, false)] // half a row per episode: a move would write as many index pages as rows
    [InlineData(8192, 1024, true)]
    [InlineData(16_384, 5000, true)] // the cap bounds what a read scans
    public void The_log_moves_once_its_episodes_have_several_rows_each(int rows, int episodes, bool due) =>
        Assert.Equal(due, SqliteLogMoves.Default.Due(rows, episodes));

    private string LogFile => $"Data Source={SqliteStepLogFile.PathFor(Storage.ConnectionString)}";

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table};";
        return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The mover works on its own thread: what it does shows within seconds, not at once.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 20 s: {what}");
            await Task.Delay(20);
        }
    }
}

/// <summary>The journal contract on SQLite with every batch moved into the index at once: the indexed path.</summary>
public sealed class SqliteIndexedEpisodeJournalTests : SqliteEpisodeJournalTests
{
    protected override GroupCommitJournal CreateJournal(string serviceId) =>
        EpisodeJournals.Create(Storage, serviceId, NullLogger.Instance, new SqliteLogMoves(MinRows: 1, RowsPerEpisode: 0, MaxRows: 1));
}

using MLEDojo.Hosting.Storage;
using Microsoft.Data.Sqlite;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>The journal's SQLite connections wait for a lock inside SQLite, for as long as their Default Timeout.</summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-busy-" + Guid.NewGuid().ToString("N"));

    public SqliteBusyWaitTests() => Directory.CreateDirectory(_folder);

    private string ConnectionString(string extra = "") => $"Data Source={Path.Combine(_folder, "grid.db")}{extra}";

    private static long BusyTimeout(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA busy_timeout;";
        return (long)read.ExecuteScalar()!;
    }

    [Theory]
    [InlineData("", 30_000)]
    [InlineData(";Default Timeout=5", 5_000)]
    [InlineData(";Default Timeout=120", 120_000)]
    public void A_connection_waits_inside_sqlite_for_its_default_timeout(string extra, long milliseconds)
    {
        using var connection = SqliteBusyWait.Open(ConnectionString(extra));
        Assert.Equal(milliseconds, BusyTimeout(connection));
    }

    [Fact]
    public void Once_covered_every_connection_the_process_opens_waits_inside_sqlite()
    {
        SqliteBusyWait.CoverEveryConnection(ConnectionString(";Default Timeout=45"));
        // A plain connection, as Orleans' grain storage opens them. Other tests may cover the process with their own
        // timeout meanwhile; every one is above SQLite's default of 0 (fail at once, which Microsoft.Data.Sqlite
        // answers with 150 ms sleeps).
        using var plain = new SqliteConnection(ConnectionString());
        plain.Open();
        Assert.True(BusyTimeout(plain) > 0);
        // The journal's own connections keep their own Default Timeout.
        using var journal = SqliteBusyWait.Open(ConnectionString(";Default Timeout=7"));
        Assert.Equal(7_000, BusyTimeout(journal));
    }

    [Fact]
    public async Task A_write_waits_for_another_connections_write_lock_and_then_commits()
    {
        using (var setup = SqliteBusyWait.Open(ConnectionString()))
        using (var create = setup.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER);";
            create.ExecuteNonQuery();
        }
        using var holder = SqliteBusyWait.Open(ConnectionString());
        var held = holder.BeginTransaction(deferred: false);
        using var waiter = SqliteBusyWait.Open(ConnectionString());
        var write = Task.Run(() =>
        {
            using var transaction = waiter.BeginTransaction(deferred: false);
            using var insert = waiter.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO t VALUES (1);";
            insert.ExecuteNonQuery();
            transaction.Commit();
        });
        await Task.Delay(50);
        Assert.False(write.IsCompleted);
        held.Commit();
        held.Dispose();
        await write.WaitAsync(TimeSpan.FromSeconds(10));
        using var count = holder.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t;";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

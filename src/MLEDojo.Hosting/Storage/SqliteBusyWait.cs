using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MLEDojo.Hosting.Storage;

/// <summary>
/// Opens SQLite connections that wait for a locked database inside SQLite. Microsoft.Data.Sqlite retries a statement
/// that found the database locked by sleeping 150 ms between tries (measured: a 5 ms lock held by another connection
/// cost the waiter 153 ms, every time). For the journal's single writer that is a stall of every step on the silo
/// whenever an episode's checkpoint holds the write lock for a moment; figure 1 saw commits of 150, 300, 450 and
/// 600 ms. SQLite's own busy handler (<c>PRAGMA busy_timeout</c>) retries after 1, 2, 5, 10 ms and so on, so the
/// same wait costs about as long as the lock is held.
/// </summary>
public static class SqliteBusyWait
{
    /// <summary>An open connection whose busy timeout is the connection string's Default Timeout (30 s unless set).</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout = " + TimeoutMilliseconds(connection).ToString(CultureInfo.InvariantCulture) + ";";
            busy.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static long TimeoutMilliseconds(SqliteConnection connection) => (long)connection.DefaultTimeout * 1000;
}

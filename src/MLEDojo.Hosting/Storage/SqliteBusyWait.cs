using System.Globalization;
using System.Runtime.InteropServices;
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
    private static readonly Lock Gate = new();
    private static long _processTimeoutMs;
    private static bool _coveringEveryConnection;

    /// <summary>An open connection whose busy timeout is the connection string's Default Timeout (30 s unless set).</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout = " + TimeoutMilliseconds(connection.DefaultTimeout).ToString(CultureInfo.InvariantCulture) + ";";
            busy.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// From now on every SQLite connection this process opens, those Orleans' ADO.NET grain storage opens included
    /// (its connection factory is Orleans' own), waits inside SQLite for the Default Timeout of
    /// <paramref name="connectionString"/>: an episode's checkpoint no longer sleeps 150 ms when the journal's writer
    /// holds the lock (resets under figure 1's load: p50 6.2 ms, but up to 917 ms). SQLite's automatic extension hook
    /// runs on each new connection; <see cref="Open"/>'s own setting still applies to the connections it opens.
    /// </summary>
    public static void CoverEveryConnection(string connectionString)
    {
        var seconds = new SqliteConnectionStringBuilder(connectionString).DefaultTimeout;
        Interlocked.Exchange(ref _processTimeoutMs, TimeoutMilliseconds(seconds));
        lock (Gate)
        {
            if (_coveringEveryConnection) return;
            var result = sqlite3_auto_extension(Marshal.GetFunctionPointerForDelegate(OnConnectionOpened));
            if (result != 0) throw new InvalidOperationException($"SQLite refused the busy-timeout hook for new connections (error {result}).");
            _coveringEveryConnection = true;
        }
    }

    private static long TimeoutMilliseconds(int seconds) => Math.Min(int.MaxValue, (long)seconds * 1000);

    // Kept in a static field: SQLite holds the pointer for the life of the process.
    private static readonly ConnectionOpened OnConnectionOpened = (database, _, _) =>
        sqlite3_busy_timeout(database, (int)Interlocked.Read(ref _processTimeoutMs));

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ConnectionOpened(IntPtr database, IntPtr errorMessage, IntPtr api);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_auto_extension(IntPtr entryPoint);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_timeout(IntPtr database, int milliseconds);
}

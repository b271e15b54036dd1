using Microsoft.Data.Sqlite;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The SQLite journal's log: a file of its own beside the grid's database (<c>grid.db</c> → <c>grid.db.steplog</c>),
/// so that appending a batch never waits for a write to the grid's database (the log's move into the index, an
/// episode's checkpoint) and those never wait for it: each SQLite file has one write lock. Only the journal's writer
/// writes it; it has no index, so its rows only ever go at the end (SqliteEpisodeJournal.sql says why).
/// </summary>
public static class SqliteStepLogFile
{
    public const string Suffix = ".steplog";

    /// <summary>The schema name the mover's connection gives the log when it attaches it to the grid's database.</summary>
    internal const string AttachedName = "steplog";

    // AUTOINCREMENT: a sequence number is never used twice, even after the rows above it were deleted. Without it an
    // emptied log started again at 1, below the mover's mark, and the writer deleted such a row as moved before it
    // was (a test found it: a step appended right after the log emptied never reached the index).
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dojo_episode_log
        (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            service_id TEXT    NOT NULL,
            episode_id TEXT    NOT NULL,
            epoch      INTEGER NOT NULL,
            step       INTEGER NOT NULL,
            request_id TEXT    NOT NULL,
            payload    BLOB    NOT NULL
        );
        """;

    /// <summary>The log's path for the grid database that <paramref name="connectionString"/> names.</summary>
    public static string PathFor(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource + Suffix;

    /// <summary>The grid's connection string, every setting kept, naming the log's file instead.</summary>
    internal static string ConnectionStringFor(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { DataSource = PathFor(connectionString) }.ToString();

    /// <summary>Creates the log's table, in WAL mode, if absent.</summary>
    internal static void EnsureCreated(SqliteConnection logConnection)
    {
        using var command = logConnection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }
}

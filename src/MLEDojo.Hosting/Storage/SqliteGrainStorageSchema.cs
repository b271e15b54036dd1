using System.Globalization;
using Microsoft.Data.Sqlite;
using MLEDojo.Hosting.Storage.Journal;

namespace MLEDojo.Hosting.Storage;

/// <summary>
/// Creates the grain-storage schema and the episode step journal's table in a SQLite database if they are absent, and
/// the journal's log file beside it (<see cref="SqliteStepLogFile"/>).
/// The scripts (embedded resources SqliteGrainStorage.sql, SqliteEpisodeJournal.sql) are idempotent, so every silo
/// runs them at start, before the storage provider reads its queries; an IMMEDIATE transaction keeps silos starting
/// together from interleaving.
/// </summary>
public static class SqliteGrainStorageSchema
{
    public static string Script { get; } = ReadScript("MLEDojo.Hosting.SqliteGrainStorage.sql") + ReadScript("MLEDojo.Hosting.SqliteEpisodeJournal.sql");

    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL: readers and the writer do not block each other, which matters with several silos on one file.
        // journal_mode cannot change inside a transaction; it is a property of the file and sticks.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Script;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await MoveLegacyLogAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await using var log = new SqliteConnection(SqliteStepLogFile.ConnectionStringFor(connectionString));
        await log.OpenAsync(cancellationToken);
        SqliteStepLogFile.EnsureCreated(log);
    }

    /// <summary>
    /// A database from before the journal's log had a file of its own keeps its log as a table here: its rows (every
    /// service's) go into the index, in the schema's transaction, and the table goes, before any silo reads them.
    /// </summary>
    private static async Task MoveLegacyLogAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'dojo_episode_log';";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0) return;
        command.CommandText = """
            INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
            SELECT service_id, episode_id, epoch, step, request_id, payload FROM dojo_episode_log
            ORDER BY service_id, episode_id, epoch, step
            ON CONFLICT DO NOTHING;
            DROP TABLE dojo_episode_log;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string resourceName)
    {
        using var stream = typeof(SqliteGrainStorageSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing from {typeof(SqliteGrainStorageSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

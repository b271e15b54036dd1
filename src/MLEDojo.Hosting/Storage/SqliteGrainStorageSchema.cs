using Microsoft.Data.Sqlite;

namespace MLEDojo.Hosting.Storage;

/// <summary>
/// Creates the grain-storage schema in a SQLite database if it is absent. The script (embedded resource
/// SqliteGrainStorage.sql) is idempotent, so every silo runs it at start, before the storage provider reads its
/// queries; an IMMEDIATE transaction keeps silos starting together from interleaving.
/// </summary>
public static class SqliteGrainStorageSchema
{
    private const string ResourceName = "MLEDojo.Hosting.SqliteGrainStorage.sql";

    public static string Script { get; } = ReadScript();

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
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Script;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadScript()
    {
        using var stream = typeof(SqliteGrainStorageSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(SqliteGrainStorageSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

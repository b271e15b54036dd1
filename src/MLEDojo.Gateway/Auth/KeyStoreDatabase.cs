using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// What differs between the key store's databases; the statements themselves are shared (named @parameters and
/// INSERT ... ON CONFLICT DO NOTHING mean the same to SQLite and PostgreSQL).
/// </summary>
internal abstract class KeyStoreDatabase(string connectionString)
{
    public static KeyStoreDatabase For(ApiKeyStoreProvider provider, string connectionString) => provider switch
    {
        ApiKeyStoreProvider.Sqlite => new SqliteKeyStoreDatabase(connectionString),
        ApiKeyStoreProvider.PostgreSql => new PostgreSqlKeyStoreDatabase(connectionString),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown key store provider."),
    };

    protected string ConnectionString { get; } = connectionString;

    public abstract DbConnection CreateConnection();

    /// <summary>Makes sure the tables are there before the first request, so a misconfigured store fails at start.</summary>
    public abstract void EnsureReady();

    /// <summary>A point in time as this database stores it.</summary>
    public abstract object Timestamp(DateTimeOffset time);

    public static DateTimeOffset ReadTimestamp(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        _ => throw new InvalidDataException($"A key store timestamp of type {value.GetType().Name}."),
    };
}

/// <summary>The grid's SQLite file (or gatewayKeyStore's): the store creates its own tables, as it always has.</summary>
internal sealed class SqliteKeyStoreDatabase(string connectionString) : KeyStoreDatabase(connectionString)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dojo_api_keys (
            lookup TEXT PRIMARY KEY, scope TEXT NOT NULL, owner TEXT NOT NULL,
            salt BLOB NOT NULL, secret_hash BLOB NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE IF NOT EXISTS dojo_episode_owners (
            episode_id TEXT PRIMARY KEY, owner TEXT NOT NULL, key_lookup TEXT NOT NULL, claimed_at TEXT NOT NULL,
            open INTEGER NOT NULL DEFAULT 1);
        CREATE INDEX IF NOT EXISTS dojo_episode_owners_open ON dojo_episode_owners (key_lookup, open);
        """;

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override void EnsureReady()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public override object Timestamp(DateTimeOffset time) => time.ToUniversalTime().ToString("O");
}

/// <summary>
/// The cluster's PostgreSQL database, shared by every gateway. Its tables belong to the grid's schema
/// (MLEDojo.Hosting's Storage/PostgreSql scripts, applied by `dojo db init` and at start), so the store only checks
/// they exist rather than creating them with a role that may not be allowed to.
/// </summary>
internal sealed class PostgreSqlKeyStoreDatabase(string connectionString) : KeyStoreDatabase(connectionString)
{
    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override void EnsureReady()
    {
        using var connection = CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM dojo_api_keys, dojo_episode_owners LIMIT 0";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL key store has no {e.MessageText.Split('"').ElementAtOrDefault(1) ?? "key"} table: run `dojo db init` (or start a silo with storage.initializeSchema) first.", e);
        }
    }

    public override object Timestamp(DateTimeOffset time) => time.ToUniversalTime();
}

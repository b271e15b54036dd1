using Microsoft.Data.Sqlite;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>Our schema against the ADO.NET provider's contract: the queries it reads, versions, optimistic concurrency.</summary>
public sealed class SqliteGrainStorageSchemaTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "mledojo-schema-" + Guid.NewGuid().ToString("N") + ".db");

    private string ConnectionString => $"Data Source={_file};Pooling=False";

    public void Dispose()
    {
        foreach (var file in new[] { _file, SqliteStepLogFile.PathFor(ConnectionString) })
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
    }

    [Fact]
    public async Task The_script_is_idempotent_and_provides_the_providers_queries()
    {
        await SqliteGrainStorageSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        await SqliteGrainStorageSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);

        await using var connection = await OpenAsync();
        var keys = new List<string>();
        await using (var reader = await Command(connection, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey").ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        Assert.Equal(["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
        Assert.Equal("wal", await Command(connection, "PRAGMA journal_mode").ExecuteScalarAsync());
        // The journal's log has a file of its own beside the database, in WAL mode too.
        await using var log = new SqliteConnection($"Data Source={SqliteStepLogFile.PathFor(ConnectionString)};Pooling=False");
        await log.OpenAsync();
        Assert.Equal("wal", await Command(log, "PRAGMA journal_mode").ExecuteScalarAsync());
        Assert.Equal(0L, await Command(log, "SELECT COUNT(*) FROM dojo_episode_log").ExecuteScalarAsync());
    }

    [Fact]
    public async Task Writes_insert_then_advance_the_version_and_refuse_a_stale_one()
    {
        await SqliteGrainStorageSchema.EnsureCreatedAsync(ConnectionString, CancellationToken.None);
        await using var connection = await OpenAsync();

        Assert.Equal([1L], await WriteAsync(connection, version: null, payload: [1]));
        Assert.Empty(await WriteAsync(connection, version: null, payload: [9]));   // a second first write loses
        Assert.Equal([2L], await WriteAsync(connection, version: 1, payload: [2]));
        Assert.Empty(await WriteAsync(connection, version: 1, payload: [3]));      // stale: another activation wrote first

        var read = Command(connection, await QueryAsync(connection, "ReadFromStorageKey"));
        AddKey(read, version: null);
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(new byte[] { 2 }, (byte[])reader["PayloadBinary"]);
            Assert.Equal(2L, reader.GetInt64(reader.GetOrdinal("Version")));
        }

        var clear = Command(connection, await QueryAsync(connection, "ClearStorageKey"));
        AddKey(clear, version: 2);
        Assert.Equal(3L, await clear.ExecuteScalarAsync());
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        return command;
    }

    private static async Task<string> QueryAsync(SqliteConnection connection, string key)
    {
        var command = Command(connection, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key");
        command.Parameters.AddWithValue("@key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs WriteToStorageKey and collects NewGrainStateVersion from every result set, as the provider does.</summary>
    private static async Task<List<long>> WriteAsync(SqliteConnection connection, int? version, byte[] payload)
    {
        var write = Command(connection, await QueryAsync(connection, "WriteToStorageKey"));
        AddKey(write, version);
        write.Parameters.AddWithValue("@PayloadBinary", payload);
        var versions = new List<long>();
        await using var reader = await write.ExecuteReaderAsync();
        do
            while (await reader.ReadAsync()) versions.Add(reader.GetInt64(reader.GetOrdinal("NewGrainStateVersion")));
        while (await reader.NextResultAsync());
        return versions;
    }

    private static void AddKey(SqliteCommand command, int? version)
    {
        command.Parameters.AddWithValue("@GrainIdHash", 42);
        command.Parameters.AddWithValue("@GrainIdN0", 7L);
        command.Parameters.AddWithValue("@GrainIdN1", 8L);
        command.Parameters.AddWithValue("@GrainTypeHash", 99);
        command.Parameters.AddWithValue("@GrainTypeString", "episode");
        command.Parameters.AddWithValue("@GrainIdExtensionString", DBNull.Value);
        command.Parameters.AddWithValue("@ServiceId", "mledojo");
        command.Parameters.AddWithValue("@GrainStateVersion", version is { } v ? v : DBNull.Value);
    }
}

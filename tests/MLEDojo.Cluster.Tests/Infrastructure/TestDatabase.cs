using Npgsql;

namespace MLEDojo.Cluster.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL database on the machine's server (started, with role mledojo, by scripts/setup.sh →
/// scripts/postgres-setup.sh), dropped when disposed, so tests never share membership, state or reminders.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Role = "mledojo";
    public const string Password = "mledojo";

    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => ConnectionStringFor(Name);

    public static string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port=5432;Database={database};Username={Role};Password={Password};Maximum Pool Size=20";

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "dojo_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var admin = await OpenAdminAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(name);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAdminAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        // FORCE cannot end a backend of another role (an autovacuum worker that just entered the new database): wait
        // for it to leave and try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(ConnectionStringFor("mledojo"));
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                "PostgreSQL is not reachable as role mledojo on 127.0.0.1:5432; run scripts/postgres-setup.sh (scripts/setup.sh does). " + e.Message, e);
        }
        return connection;
    }
}

using System.Text;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MLEDojo.Cluster.Tests.Storage;

/// <summary>A hung silo's open journal transaction must not stall the silo that takes its episodes over.</summary>
public sealed class PostgreSqlJournalSessionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await PostgreSqlSchema.EnsureCreatedAsync(_database.ConnectionString, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Journal_sessions_carry_the_limits_and_keep_the_callers_options()
    {
        await using var backend = new PostgreSqlJournalBackend(_database.ConnectionString + ";Options=-c statement_timeout=60000", "svc");
        await using var connection = new NpgsqlConnection(backend.SessionConnectionString);
        await connection.OpenAsync();
        Assert.Equal("5s", await ShowAsync(connection, "idle_in_transaction_session_timeout"));
        Assert.Equal("10s", await ShowAsync(connection, "lock_timeout"));
        Assert.Equal("1min", await ShowAsync(connection, "statement_timeout"));
    }

    [Fact]
    public async Task A_hung_writers_open_transaction_ends_and_the_other_writer_commits()
    {
        // The hung silo: its journal session inserted a key inside a transaction, then stopped answering.
        await using var hung = new NpgsqlConnection(PostgreSqlJournalSessions.Limit(_database.ConnectionString, idleInTransaction: TimeSpan.FromSeconds(1)));
        await hung.OpenAsync();
        await using var transaction = await hung.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload) VALUES ('svc', 'ep', 1, 1, 'hung', '\\x00')", hung, transaction))
            await insert.ExecuteNonQueryAsync();

        // The silo that took the episode over appends the same step: without the server's limit this waited for ever.
        var storage = new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = _database.ConnectionString };
        await using var journal = EpisodeJournals.Create(storage, "svc", NullLogger.Instance);
        await journal.AppendAsync(new JournalRecord("ep", 1, 1, "taken-over", Encoding.UTF8.GetBytes("step 1"))).WaitAsync(TimeSpan.FromSeconds(30));

        var stored = Assert.Single(await journal.ReadAsync("ep", 1));
        Assert.Equal("taken-over", stored.RequestId);
        // The hung silo's batch was never acknowledged, and cannot be now.
        await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var show = new NpgsqlCommand("SHOW " + setting, connection);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}

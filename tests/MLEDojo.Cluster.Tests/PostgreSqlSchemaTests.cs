using MLEDojo.Cli;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Hosting.Storage;

namespace MLEDojo.Cluster.Tests;

/// <summary>Our PostgreSQL schema against a real server: idempotent, safe to apply concurrently, and complete for the three ADO.NET providers.</summary>
public sealed class PostgreSqlSchemaTests
{
    /// <summary>Every query key Orleans' ADO.NET clustering, persistence and reminder providers (10.4.2) read.</summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "DeleteMembershipTableEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task The_schema_applies_again_and_concurrently_and_holds_every_provider_query()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal("2", await PostgreSqlSchema.EnsureCreatedAsync(database.ConnectionString, CancellationToken.None));
        // Silos starting together: the advisory lock serializes them and every run succeeds.
        var runs = Enumerable.Range(0, 4).Select(_ => PostgreSqlSchema.EnsureCreatedAsync(database.ConnectionString, CancellationToken.None));
        Assert.All(await Task.WhenAll(runs), version => Assert.Equal("2", version));

        var keys = await database.ScalarAsync<string[]>("SELECT array_agg(QueryKey ORDER BY QueryKey) FROM OrleansQuery");
        Assert.Equal(ProviderQueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal(7L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('dojo_membership', 'dojo_membership_version', 'dojo_grain_state', 'dojo_reminders', 'dojo_api_keys', 'dojo_episode_owners', 'dojo_episode_steps')"));
        Assert.Equal(["0-Queries.sql", "1-Clustering.sql", "2-GrainStorage.sql", "3-Reminders.sql", "4-EpisodeJournal.sql", "4-GatewayKeys.sql"], PostgreSqlSchema.Scripts.Select(s => s.Name));
    }

    [Fact]
    public async Task Grain_state_writes_follow_the_version_contract()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PostgreSqlSchema.EnsureCreatedAsync(database.ConnectionString, CancellationToken.None);
        const string key = "1, 0, 0, 2, 'episode', 'ep-1', 'svc'";
        // First write: version 1; a second first write (a racing activation) is refused by the key's unique index.
        Assert.Equal(1, await database.ScalarAsync<int>($"SELECT * FROM dojo_grain_state_write({key}, NULL, '\\x01')"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.ScalarAsync<int>($"SELECT * FROM dojo_grain_state_write({key}, NULL, '\\x02')"));
        // A write with the current version bumps it; one with a stale version returns nothing (InconsistentStateException).
        Assert.Equal(2, await database.ScalarAsync<int>($"SELECT * FROM dojo_grain_state_write({key}, 1, '\\x03')"));
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM dojo_grain_state_write({key}, 1, '\\x04')"));
        Assert.Equal(new byte[] { 3 }, await database.ScalarAsync<byte[]>($"SELECT PayloadBinary FROM dojo_grain_state_read(1, 0, 0, 2, 'episode', 'ep-1', 'svc')"));
        // A key without extension is another grain; clearing keeps the row with a new version.
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT * FROM dojo_grain_state_write(1, 0, 0, 2, 'episode', NULL, 'svc', NULL, '\\x05')"));
        Assert.Equal(3, await database.ScalarAsync<int>($"SELECT * FROM dojo_grain_state_clear({key}, 2, false)"));
        Assert.Equal(DBNull.Value, await database.ScalarAsync<object>($"SELECT PayloadBinary FROM dojo_grain_state_read(1, 0, 0, 2, 'episode', 'ep-1', 'svc')"));
    }

    [Fact]
    public async Task Dojo_db_init_applies_the_schema_and_reports_errors_without_the_password()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (code, output, error) = Run("db", "init", "--connection", database.ConnectionString);
        Assert.True(code == 0, error);
        Assert.Contains($"PostgreSQL schema version 2 ready ({PostgreSqlSchema.Scripts.Count} scripts", output);
        Assert.Contains("Password=***", output);
        Assert.DoesNotContain("Password=" + TestDatabase.Password, output);
        Assert.Equal(0, Run("db", "init", "--connection", database.ConnectionString).Code);

        var unreachable = Run("db", "init", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2;Timeout=3");
        Assert.Equal(DojoCli.UsageError, unreachable.Code);
        Assert.Contains("PostgreSQL at", unreachable.Error);
        Assert.DoesNotContain("hunter2", unreachable.Error);

        var malformed = Run("db", "init", "--connection", "Database=x");
        Assert.Equal(DojoCli.UsageError, malformed.Code);
        Assert.Contains("needs Host", malformed.Error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DojoCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

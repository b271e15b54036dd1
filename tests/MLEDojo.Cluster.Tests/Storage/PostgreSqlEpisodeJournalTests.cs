using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Storage;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;

namespace MLEDojo.Cluster.Tests.Storage;

/// <summary>The episode step journal's contract on PostgreSQL (the cluster profile), in a throw-away database.</summary>
public sealed class PostgreSqlEpisodeJournalTests : EpisodeJournalContract
{
    private TestDatabase? _database;

    protected override async Task<DojoStorageOptions> CreateStorageAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await PostgreSqlSchema.EnsureCreatedAsync(_database.ConnectionString, CancellationToken.None);
        return new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = _database.ConnectionString };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

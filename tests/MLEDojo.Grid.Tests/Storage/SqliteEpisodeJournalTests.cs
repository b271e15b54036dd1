using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>The journal contract on SQLite (the embedded profile's database file), plus what is SQLite's own.</summary>
public sealed class SqliteEpisodeJournalTests : EpisodeJournalContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-journal-" + Guid.NewGuid().ToString("N"));

    protected override async Task<DojoStorageOptions> CreateStorageAsync()
    {
        var storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")}" };
        await SqliteGrainStorageSchema.EnsureCreatedAsync(storage.ConnectionString, CancellationToken.None);
        return storage;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_commit_that_fails_fails_every_caller_of_its_batch_and_the_journal_recovers()
    {
        // No schema in this database: the insert fails, and nothing may be acknowledged.
        var empty = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "empty.db")}" };
        await using var journal = EpisodeJournals.Create(empty, "svc", NullLogger.Instance);
        var appends = Enumerable.Range(1, 3).Select(i => journal.AppendAsync(new("broken" + i, 1, 1, "r", [1]))).ToArray();
        foreach (var append in appends) await Assert.ThrowsAnyAsync<Exception>(() => append);

        await SqliteGrainStorageSchema.EnsureCreatedAsync(empty.ConnectionString, CancellationToken.None);
        await journal.AppendAsync(new("broken1", 1, 1, "r", [1]));
        Assert.Single(await journal.ReadAsync("broken1", 1));
    }
}

using System.Text;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;

namespace MLEDojo.Grid.Tests.Storage;

/// <summary>
/// What every backend of the episode step journal must do (SQLite here, PostgreSQL in the cluster tests): commit
/// many episodes' appends together, keep each episode's steps in order, take a retried append as a no-op and refuse
/// another request's append under a taken key, trim earlier epochs, and keep what was acknowledged across a restart.
/// </summary>
public abstract class EpisodeJournalContract : IAsyncLifetime
{
    private readonly List<GroupCommitJournal> _journals = [];

    /// <summary>A fresh, empty database with the grid's schema applied.</summary>
    protected abstract Task<DojoStorageOptions> CreateStorageAsync();

    protected DojoStorageOptions Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await CreateStorageAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var journal in _journals) await journal.DisposeAsync();
    }

    /// <summary>A journal on <see cref="Storage"/>; disposed with the test.</summary>
    protected GroupCommitJournal Open(string serviceId = "svc")
    {
        var journal = CreateJournal(serviceId);
        _journals.Add(journal);
        return journal;
    }

    protected virtual GroupCommitJournal CreateJournal(string serviceId) => EpisodeJournals.Create(Storage, serviceId, NullLogger.Instance);

    protected static JournalRecord Record(string episode, long epoch, int step, string? request = null) =>
        new(episode, epoch, step, request ?? $"{episode}-{epoch}-{step}", Encoding.UTF8.GetBytes($"payload {episode} {epoch} {step}"));

    [Fact]
    public async Task Concurrent_appends_share_commits_and_all_become_readable()
    {
        var journal = Open();
        var appends = Enumerable.Range(0, 40).SelectMany(e => Enumerable.Range(1, 25).Select(s => (Episode: $"ep{e}", Step: s))).ToArray();
        // Each episode appends its steps in order, as a grain does; the episodes run concurrently.
        await Task.WhenAll(appends.GroupBy(a => a.Episode).Select(async episode =>
        {
            foreach (var (id, step) in episode) await journal.AppendAsync(Record(id, 1, step));
        }));

        Assert.True(journal.Commits < appends.Length / 4, $"{appends.Length} appends took {journal.Commits} commits");
        foreach (var episode in appends.Select(a => a.Episode).Distinct())
        {
            var records = await journal.ReadAsync(episode, 1);
            Assert.Equal(Enumerable.Range(1, 25), records.Select(r => r.Step));
            Assert.All(records, r => Assert.Equal($"payload {episode} 1 {r.Step}", Encoding.UTF8.GetString(r.Payload)));
            Assert.All(records, r => Assert.Equal($"{episode}-1-{r.Step}", r.RequestId));
        }
    }

    [Fact]
    public async Task Records_come_back_in_step_order_per_epoch_and_service()
    {
        var journal = Open();
        foreach (var step in new[] { 3, 1, 2 }) await journal.AppendAsync(Record("order", 1, step));
        await journal.AppendAsync(Record("order", 2, 1));
        await Open("other-service").AppendAsync(Record("order", 1, 4));

        Assert.Equal([1, 2, 3], (await journal.ReadAsync("order", 1)).Select(r => r.Step));
        Assert.Equal([1], (await journal.ReadAsync("order", 2)).Select(r => r.Step));
        Assert.Empty(await journal.ReadAsync("order", 3));
        Assert.Empty(await journal.ReadAsync("unknown", 1));
    }

    [Fact]
    public async Task A_retried_append_is_a_no_op_and_another_request_under_the_same_key_is_refused()
    {
        var journal = Open();
        var first = Record("retry", 1, 1, "req-a");
        await journal.AppendAsync(first);
        await journal.AppendAsync(first with { Payload = Encoding.UTF8.GetBytes("a retry's payload") });
        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(Record("retry", 1, 1, "req-b")));
        Assert.Contains("req-a", conflict.Message);
        // Both in one batch: the second of a pair under one key is judged against the first.
        await Task.WhenAll(journal.AppendAsync(Record("retry", 1, 2, "req-c")), journal.AppendAsync(Record("retry", 1, 2, "req-c")));

        var stored = await journal.ReadAsync("retry", 1);
        Assert.Equal([1, 2], stored.Select(r => r.Step));
        Assert.Equal("payload retry 1 1", Encoding.UTF8.GetString(stored[0].Payload));
        Assert.Equal("req-a", stored[0].RequestId);
    }

    [Fact]
    public async Task Trimming_removes_earlier_epochs_only()
    {
        var journal = Open();
        await journal.AppendAsync(Record("trim", 1, 1));
        await journal.AppendAsync(Record("trim", 2, 1));
        await journal.AppendAsync(Record("trim", 3, 1));
        await journal.AppendAsync(Record("kept", 1, 1));
        await journal.TrimAsync("trim", 3);

        Assert.Empty(await journal.ReadAsync("trim", 1));
        Assert.Empty(await journal.ReadAsync("trim", 2));
        Assert.Single(await journal.ReadAsync("trim", 3));
        Assert.Single(await journal.ReadAsync("kept", 1));
    }

    [Fact]
    public async Task Acknowledged_appends_survive_the_journal_and_are_read_by_a_new_one()
    {
        var journal = Open();
        await Task.WhenAll(Enumerable.Range(1, 5).Select(e => journal.AppendAsync(Record("restart" + e, 1, 1))));
        await journal.DisposeAsync();

        var reopened = Open();
        foreach (var e in Enumerable.Range(1, 5)) Assert.Single(await reopened.ReadAsync("restart" + e, 1));
        await reopened.AppendAsync(Record("restart1", 1, 2));
        Assert.Equal([1, 2], (await reopened.ReadAsync("restart1", 1)).Select(r => r.Step));
    }

    [Fact]
    public async Task A_stopped_journal_refuses_appends()
    {
        var journal = Open();
        await journal.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.AppendAsync(Record("stopped", 1, 1)));
    }
}

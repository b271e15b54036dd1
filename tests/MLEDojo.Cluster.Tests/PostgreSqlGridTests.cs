using MLEDojo.Abstractions;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Grains.Competitions;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// A 2-silo in-process cluster whose grain state and reminders are our PostgreSQL schema through Orleans' ADO.NET
/// providers: episodes survive their silo, and competitions snapshot their leaderboards on durable reminders.
/// </summary>
public sealed class PostgreSqlGridTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-pg-grid-" + Guid.NewGuid().ToString("N"));
    private readonly FakeCodeRunner _runner = new();
    private TestDatabase _database = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((silo, siloBuilder) => siloBuilder.UseMLEDojo(new DojoSiloOptions
        {
            Profile = DojoProfiles.External,
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = Path.Combine(_folder, "episodes"),
            Storage = new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = _database.ConnectionString },
            Devices = new DojoDevicesOptions { Node = "node-" + silo.SiloName, Gpus = "none" },
            Leaderboards = new DojoLeaderboardOptions { SnapshotPeriodSeconds = 1, SnapshotsKept = 2, SnapshotTop = 1 },
        }, _ => _runner));
        builder.ConfigureHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Episodes_live_in_postgresql_and_survive_their_silo()
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var primary = _cluster.Silos[0].SiloAddress;
        IEpisodeGrain episode;
        SiloAddress host;
        var attempt = 0;
        do
        {
            episode = _cluster.Client.GetGrain<IEpisodeGrain>($"pg-{attempt++}-{Guid.NewGuid():N}");
            await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", MaxSteps = 10 });
            host = await management.GetActivationAddress(episode) ?? primary;
        } while (host.Equals(primary) && attempt < 50);
        Assert.NotEqual(primary, host);
        await episode.Step(EpisodeAction.RequestInfo("name"), "s1");
        await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2");
        // The reset wrote the checkpoint; each step is one journal row.
        Assert.Equal(1L, await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM dojo_grain_state WHERE grain_type = 'episode' AND grain_id_extension = '{episode.GetPrimaryKeyString()}' AND version = 1"));
        Assert.Equal(2L, await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM dojo_episode_steps WHERE episode_id = '{episode.GetPrimaryKeyString()}' AND epoch = 1"));

        await _cluster.KillSiloAsync(_cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await _cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var again = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), "s2");
        Assert.Equal(2, again.StepsTaken);
        var next = await episode.Step(EpisodeAction.RequestInfo("name"), "s3");
        Assert.Equal(3, next.StepsTaken);
        Assert.Equal(["s1", "s2", "s3"], (await episode.GetHistory()).Select(h => h.RequestId));
    }

    [Fact]
    public async Task Competitions_snapshot_their_leaderboard_on_a_postgresql_reminder_only_when_it_changed()
    {
        const string competition = "home-data-for-ml-course";
        var board = _cluster.Client.GetGrain<ICompetitionGrain>(competition);
        var first = _cluster.Client.GetGrain<IEpisodeGrain>("snap-" + Guid.NewGuid().ToString("N"));
        await first.Reset(new EpisodeOptions { Competition = competition, AgentName = "first" });
        await first.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"));

        var snapshots = await PollAsync(board, count: 1);
        Assert.Equal(1, snapshots[0].Entries);
        Assert.Equal("first", Assert.Single(snapshots[0].Top).AgentName);
        Assert.Equal(1L, await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM dojo_reminders WHERE reminder_name = '{CompetitionGrain.SnapshotReminder}' AND grain_id LIKE '%{competition}%'"));

        // Several ticks with an unchanged board take no new snapshot.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Single(await board.GetLeaderboardSnapshots());

        var second = _cluster.Client.GetGrain<IEpisodeGrain>("snap-" + Guid.NewGuid().ToString("N"));
        await second.Reset(new EpisodeOptions { Competition = competition, AgentName = "second" });
        await second.Step(EpisodeAction.ExecuteCode("#copy 3_true_answers.csv"));
        snapshots = await PollAsync(board, count: 2);
        Assert.Equal(2, snapshots[^1].Entries);
        // The top is cut at snapshotTop (1): the better submission.
        Assert.Equal("second", Assert.Single(snapshots[^1].Top).AgentName);
        Assert.True(snapshots[^1].At > snapshots[0].At);
    }

    private static async Task<IReadOnlyList<LeaderboardSnapshot>> PollAsync(ICompetitionGrain board, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var snapshots = await board.GetLeaderboardSnapshots();
            if (snapshots.Count >= count) return snapshots;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{snapshots.Count} snapshots after 60 s; expected {count}.");
            await Task.Delay(200);
        }
    }
}

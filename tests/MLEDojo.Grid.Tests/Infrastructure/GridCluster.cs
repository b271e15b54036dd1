using MLEDojo.Abstractions;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MLEDojo.Grid.Tests.Infrastructure;

/// <summary>
/// A 3-silo in-process cluster, each silo configured through <see cref="SiloBuilderExtensions.UseMLEDojo"/> with
/// its own node id (node-&lt;silo name&gt;) and two fake GPUs, all sharing one SQLite file in a temp folder (state
/// must survive a silo kill, which memory storage does not guarantee) and one <see cref="FakeCodeRunner"/>.
/// </summary>
public abstract class GridCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-grid-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;
    public FakeCodeRunner Runner { get; } = new();
    public string EpisodesRoot => Path.Combine(_folder, "episodes");

    /// <summary>The global response timeout; grain methods without their own [ResponseTimeout] are held to it.</summary>
    protected virtual TimeSpan ResponseTimeout => TimeSpan.FromSeconds(30);

    /// <summary>The runner every silo runs agent code with (<see cref="Runner"/> unless a cluster wraps it).</summary>
    protected virtual Execution.ICodeRunner CodeRunner => Runner;

    /// <summary>What a cluster adds to each silo beyond the grid (the arena's tests add the arena).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo, DojoSiloOptions options) { }

    public static string NodeOf(string siloName) => "node-" + siloName;

    /// <summary>
    /// A grain made by <paramref name="create"/> (called with attempt numbers 0, 1, ...) whose activation is on a silo a
    /// test may kill, that is not the primary one (it hosts the test cluster's membership), and that silo.
    /// </summary>
    public async Task<(TGrain Grain, SiloAddress Host)> OnKillableSiloAsync<TGrain>(Func<int, Task<TGrain>> create) where TGrain : IAddressable
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var primary = Cluster.Silos[0].SiloAddress;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var grain = await create(attempt);
            if (await management.GetActivationAddress(grain) is { } host && !host.Equals(primary)) return (grain, host);
        }
        throw new InvalidOperationException("No activation landed off the primary silo in 50 tries.");
    }

    public DojoSiloOptions SiloOptions(string siloName)
    {
        var options = new DojoSiloOptions
        {
            Profile = DojoProfiles.External,
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = EpisodesRoot,
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")};Default Timeout=120" },
            Devices = new DojoDevicesOptions { Node = NodeOf(siloName), Gpus = "fake:2" },
            Limits = new DojoLimitsOptions { CpuExecutionSlots = 8, MaxSteps = 50, MaxExecutionTimeoutSeconds = 3600 },
        };
        var problems = DojoSiloOptionsValidator.Problems(options);
        return problems.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", problems));
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            var options = SiloOptions(silo.SiloName);
            siloBuilder.UseMLEDojo(options, _ => CodeRunner);
            ConfigureSilo(siloBuilder, options);
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout));
        builder.ConfigureHost(host => host.Logging.SetMinimumLevel(LogLevel.Warning));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The cluster most tests share (unique episode ids per test); its topology never changes.</summary>
public sealed class SharedGridCluster : GridCluster;

/// <summary>A cluster whose silos are killed, with a deliberately small global response timeout (2 s).</summary>
public sealed class ResilienceGridCluster : GridCluster
{
    protected override TimeSpan ResponseTimeout => TimeSpan.FromSeconds(2);

    /// <summary>
    /// An episode reset by <paramref name="reset"/> whose activation is not on the primary silo (which hosts the test
    /// cluster's membership and must survive), and the silo it is on: the one a test may kill.
    /// </summary>
    public Task<(IEpisodeGrain Grain, SiloAddress Host)> EpisodeOffPrimaryAsync(string prefix, Func<IEpisodeGrain, Task> reset) =>
        OnKillableSiloAsync(async attempt =>
        {
            var episode = Client.GetGrain<IEpisodeGrain>($"{prefix}-{attempt}-{Guid.NewGuid():N}");
            await reset(episode);
            return episode;
        });
}

[CollectionDefinition(Name)]
public sealed class SharedGridCollection : ICollectionFixture<SharedGridCluster>
{
    public const string Name = "shared grid";
}

[CollectionDefinition(Name)]
public sealed class ResilienceGridCollection : ICollectionFixture<ResilienceGridCluster>
{
    public const string Name = "resilience grid";
}

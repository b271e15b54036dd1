using MLEDojo.Arena.Grains;
using MLEDojo.Execution;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace MLEDojo.Arena.Tests.Infrastructure;

/// <summary>
/// A 3-silo in-process cluster with the arena, sharing one SQLite file (state must survive a silo kill) and a fake
/// code runner whose executions take <see cref="SlowRunner.Delay"/>, so an evaluation is still running when a
/// test kills its silo.
/// </summary>
public sealed class ArenaCluster : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-arena-cluster-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;
    public SlowRunner Runner { get; } = new(new FakeCodeRunner(), TimeSpan.FromMilliseconds(1500));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            var options = new DojoSiloOptions
            {
                Profile = DojoProfiles.External,
                CompetitionsRoot = RepoPaths.CompetitionsRoot,
                EpisodesRoot = Path.Combine(_folder, "episodes"),
                Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")};Default Timeout=120" },
                Devices = new DojoDevicesOptions { Node = "node-" + silo.SiloName, Gpus = "none" },
                Limits = new DojoLimitsOptions { CpuExecutionSlots = 8, MaxSteps = 50, MaxExecutionTimeoutSeconds = 3600 },
            };
            siloBuilder.UseMLEDojo(options, _ => Runner).UseMLEDojoArena(options, ArenaServer.Arena, _ => Runner);
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(30)));
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

/// <summary>A code runner whose runs take at least <see cref="Delay"/> longer.</summary>
public sealed class SlowRunner(ICodeRunner inner, TimeSpan delay) : ICodeRunner
{
    public TimeSpan Delay => delay;

    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) => inner.CheckSyntaxAsync(spec, cancellationToken);

    public async Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.RunAsync(spec, cancellationToken);
    }
}

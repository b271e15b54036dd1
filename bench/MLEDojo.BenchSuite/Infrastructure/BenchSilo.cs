using MLEDojo.Client;
using MLEDojo.Execution;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// A one-silo grid inside this process, built the way <c>dojo demo</c>'s embedded grid builds it (UseMLEDojo, SQLite
/// episode storage, localhost clustering), with its state under the figure's scratch folder and free ports.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DojoSiloOptions _options;

    /// <summary>The silo's SQLite file (episode and grid state).</summary>
    public string DatabasePath { get; }

    private BenchSilo(IHost host, DojoSiloOptions options, string databasePath)
    {
        _host = host;
        _options = options;
        DatabasePath = databasePath;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="gpus">devices.gpus: "none", or "fake:N" for devices without hardware.</param>
    /// <param name="codeRunner">The runner for agent code; null for the grid's default (the sandbox).</param>
    /// <param name="persistSteps">False: the episodes' steps are journaled in memory (<see cref="MemoryEpisodeJournal"/>), not in SQLite.</param>
    public static async Task<BenchSilo> StartAsync(string folder, string name, CancellationToken cancellationToken,
        string gpus = "none", Func<IServiceProvider, ICodeRunner>? codeRunner = null, bool persistSteps = true)
    {
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "grid.db");
        var options = new DojoSiloOptions
        {
            ClusterId = $"bench-{name}-{Guid.NewGuid():N}"[..32],
            SiloPort = BenchPaths.FreePort(),
            GatewayPort = BenchPaths.FreePort(),
            CompetitionsRoot = BenchPaths.CompetitionsRoot(),
            EpisodesRoot = Path.Combine(folder, "episodes"),
            CompetitionImportRoot = Path.Combine(folder, "imports"),
            // A long busy timeout: a thousand episodes writing at once queue on SQLite's single writer.
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={database};Default Timeout=120" },
            Devices = new DojoDevicesOptions { Node = "bench", Gpus = gpus },
        };
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseMLEDojo(options, codeRunner);
            // Registered after the grid's own journal, so the episodes get this one.
            if (!persistSteps) silo.Services.AddSingleton<IEpisodeJournal>(new MemoryEpisodeJournal());
        });
        return new BenchSilo(await builder.Build().StartOrDisposeAsync(cancellationToken), options, database);
    }

    /// <summary>An Orleans client in this process connected through the silo's gateway port (TCP), as a trainer connects.</summary>
    public Task<DojoConnection> ConnectClientAsync(CancellationToken cancellationToken) =>
        DojoConnection.ConnectAsync(new DojoGateway(_options.GatewayPort, _options.ClusterId, _options.ServiceId), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
    }
}


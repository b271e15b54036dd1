using MLEDojo.Client;
using MLEDojo.Execution;
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

    private BenchSilo(IHost host, DojoSiloOptions options)
    {
        _host = host;
        _options = options;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="gpus">devices.gpus: "none", or "fake:N" for devices without hardware.</param>
    /// <param name="codeRunner">The runner for agent code; null for the grid's default (the sandbox).</param>
    public static async Task<BenchSilo> StartAsync(string folder, string name, CancellationToken cancellationToken,
        string gpus = "none", Func<IServiceProvider, ICodeRunner>? codeRunner = null)
    {
        Directory.CreateDirectory(folder);
        var options = new DojoSiloOptions
        {
            ClusterId = $"bench-{name}-{Guid.NewGuid():N}"[..32],
            SiloPort = BenchPaths.FreePort(),
            GatewayPort = BenchPaths.FreePort(),
            CompetitionsRoot = BenchPaths.CompetitionsRoot(),
            EpisodesRoot = Path.Combine(folder, "episodes"),
            CompetitionImportRoot = Path.Combine(folder, "imports"),
            // A long busy timeout: a thousand episodes writing at once queue on SQLite's single writer.
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")};Default Timeout=120" },
            Devices = new DojoDevicesOptions { Node = "bench", Gpus = gpus },
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo.UseMLEDojo(options, codeRunner));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new BenchSilo(host, options);
    }

    /// <summary>An Orleans client in this process connected through the silo's gateway port (TCP), as a trainer connects.</summary>
    public async Task<BenchClient> ConnectClientAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleansClient(client => client.UseDojoGateway(new DojoGateway(_options.GatewayPort, _options.ClusterId, _options.ServiceId)));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new BenchClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
    }
}

/// <summary>An Orleans client host connected to a <see cref="BenchSilo"/>.</summary>
public sealed class BenchClient(IHost host) : IAsyncDisposable
{
    public IClusterClient Grains => host.Services.GetRequiredService<IClusterClient>();

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stopping.Token);
        host.Dispose();
    }
}

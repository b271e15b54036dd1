using System.Net;
using System.Net.Sockets;
using MLEDojo.Cli.Gateway;
using MLEDojo.Client;
using MLEDojo.Gateway;
using MLEDojo.Arena.Grains;
using MLEDojo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Cli.Demo;

/// <summary>A single-node grid inside this process (embedded profile), started and stopped by the CLI.</summary>
public sealed class EmbeddedGrid : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedGrid(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedGrid> StartAsync(DojoSiloOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        Configure(builder, options);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedGrid(host);
    }

    /// <summary>
    /// The grid with the HTTP/WebSocket gateway co-hosted on <paramref name="address"/>:<paramref name="httpPort"/>
    /// (loopback unless the operator binds another address; keyless serving is refused off loopback by dojo serve).
    /// </summary>
    public static async Task<EmbeddedGrid> StartWithGatewayAsync(DojoSiloOptions options, IPAddress address, int httpPort, bool insecureNoAuth, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(HostArguments.Defaults);
        Configure(builder, options);
        GatewayHosting.Add(builder, options, address, httpPort, insecureNoAuth);
        // Agent scripts reach the gateway through this silo's Unix socket, bound into their network-less sandbox.
        builder.WebHost.ConfigureKestrel(kestrel => MLEDojo.Gateway.Arena.ScriptSocket.Listen(kestrel, options.Arena.ScriptSocketPath(options)));
        var app = builder.Build();
        app.MapDojoGateway();
        await app.StartAsync(cancellationToken);
        return new EmbeddedGrid(app);
    }

    private static void Configure(IHostApplicationBuilder builder, DojoSiloOptions options)
    {
        // The demo and serve print their own progress; Orleans' start-up chatter would drown it.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo.UseMLEDojo(options).UseMLEDojoArena(options));
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _host.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// Points a grid at its own state under <paramref name="folder"/> (episodes, SQLite database) and at free ports, so
    /// it never collides with a running silo and its episodes outlive the process (a rerun finds them).
    /// </summary>
    public static void UsePrivateState(DojoSiloOptions options, string folder, string clusterId)
    {
        Directory.CreateDirectory(folder);
        options.EpisodesRoot = Path.Combine(folder, "episodes");
        options.Storage.ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")}";
        options.SiloPort = FreePort();
        options.GatewayPort = FreePort();
        options.ClusterId = clusterId;
    }

    /// <summary>A port nobody listens on now, so a demo never collides with a running silo.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

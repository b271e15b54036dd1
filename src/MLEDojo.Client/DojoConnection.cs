using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace MLEDojo.Client;

/// <summary>Where an embedded-profile grid listens for clients.</summary>
public sealed record DojoGateway(int GatewayPort = 30000, string ClusterId = "mledojo-dev", string ServiceId = "mledojo");

/// <summary>
/// A connection from another process to a grid: an Orleans client host that stays open until disposed.
/// <code>await using var grid = await DojoConnection.ConnectAsync(new DojoGateway());</code>
/// </summary>
public sealed class DojoConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private DojoConnection(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
        Client = new DojoClient(Grains);
    }

    public DojoClient Client { get; }

    /// <summary>The Orleans client underneath, for grains of your own beside the grid's (a benchmark's ping grain).</summary>
    public IClusterClient Grains { get; }

    public static async Task<DojoConnection> ConnectAsync(DojoGateway gateway, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseDojoGateway(gateway));
        return new DojoConnection(await builder.Build().StartOrDisposeAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public static class DojoClientBuilderExtensions
{
    /// <summary>Connects an Orleans client to an embedded-profile grid through its gateway port on this machine.</summary>
    public static IClientBuilder UseDojoGateway(this IClientBuilder client, DojoGateway gateway)
    {
        client.UseLocalhostClustering(gateway.GatewayPort, gateway.ServiceId, gateway.ClusterId);
        client.Configure<ClusterOptions>(o => { o.ClusterId = gateway.ClusterId; o.ServiceId = gateway.ServiceId; });
        return client;
    }
}

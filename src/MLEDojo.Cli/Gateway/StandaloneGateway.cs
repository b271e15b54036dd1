using System.Net;
using MLEDojo.Client;
using MLEDojo.Gateway;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace MLEDojo.Cli.Gateway;

/// <summary>
/// The gateway in its own process, an Orleans client of the grid: gateways scale apart from silos, and any of them
/// serves any episode (the episodes live in their grains). It waits for the grid if it starts first.
/// </summary>
public sealed class StandaloneGateway : IAsyncDisposable
{
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(1);
    private const int ConnectAttempts = 120;
    private readonly WebApplication _app;

    private StandaloneGateway(WebApplication app) => _app = app;

    public static async Task<StandaloneGateway> StartAsync(DojoSiloOptions options, IPAddress address, int httpPort, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            client.UseMLEDojoClient(options);
            // The silos collect the dashboard's statistics; this client only reads them for its /dashboard.
            if (options.Dashboard.Enabled) client.AddDashboard();
            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(ConnectRetryDelay, token);
                return ++attempts < ConnectAttempts;
            });
        });
        GatewayHosting.Add(builder, options, address, httpPort, insecureNoAuth: false);
        var app = builder.Build();
        app.MapDojoGateway();
        await app.StartAsync(cancellationToken);
        return new StandaloneGateway(app);
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

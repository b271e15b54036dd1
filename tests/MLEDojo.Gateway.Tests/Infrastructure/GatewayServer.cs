using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Gateway;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>
/// The production shape: one process with Kestrel on a loopback port and an embedded-profile silo (fresh SQLite
/// file, <see cref="FakeCodeRunner"/>), the gateway co-hosted over the silo's grain factory.
/// </summary>
public sealed class GatewayServer : IAsyncLifetime
{
    /// <summary>Small, so the oversized-message tests stay fast.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-gateway-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    public FakeCodeRunner Runner { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var siloPort = FreePort();
        var options = new DojoSiloOptions
        {
            ClusterId = "gateway-" + siloPort,
            SiloPort = siloPort,
            GatewayPort = FreePort(),
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = Path.Combine(_folder, "episodes"),
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")}" },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.UseOrleans(silo => silo.UseMLEDojo(options, _ => Runner));
        builder.Services.AddDojoGateway(o => o.MaxMessageBytes = MaxMessageBytes);
        _app = builder.Build();
        _app.MapDojoGateway();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, string json)
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<WsClient> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/ws" }.Uri, CancellationToken.None);
        return new WsClient(socket);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayServer>
{
    public const string Name = "gateway";
}

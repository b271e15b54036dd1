using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Net.Http.Headers;
using MLEDojo.Gateway;
using MLEDojo.Gateway.Auth;
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
/// file, <see cref="FakeCodeRunner"/>), the gateway co-hosted over the silo's grain factory, with auth on and
/// <see cref="Keys"/> minted in its store. <see cref="Http"/> and <see cref="ConnectAsync"/> call as <see cref="TestKeys.Alice"/>.
/// </summary>
public class GatewayServer : IAsyncLifetime
{
    /// <summary>Small, so the oversized-message tests stay fast.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-gateway-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    public FakeCodeRunner Runner { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string StoreConnectionString => $"Data Source={Path.Combine(_folder, "grid.db")}";
    public ApiKeyStore Store { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;
    public TestKeys Keys { get; private set; } = null!;

    /// <summary>The gateway's options beyond the message cap; quota tests tighten them.</summary>
    protected virtual void Configure(DojoGatewayOptions options) { }

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
            Storage = new DojoStorageOptions { ConnectionString = StoreConnectionString },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.UseOrleans(silo => silo.UseMLEDojo(options, _ => Runner));
        builder.Services.AddDojoGateway(o =>
        {
            o.MaxMessageBytes = MaxMessageBytes;
            o.KeyStoreConnectionString = StoreConnectionString;
            // Every test class shares Alice's key; the quota tests use their own server and keys.
            o.MaxOpenEpisodesPerKey = 10_000;
            Configure(o);
        });
        _app = builder.Build();
        _app.MapDojoGateway();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Store = _app.Services.GetRequiredService<ApiKeyStore>();
        Keys = TestKeys.Mint(Store);
        Http = ClientFor(Keys.Alice);
    }

    /// <summary>An HTTP client that sends this token (none when null).</summary>
    public HttpClient ClientFor(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
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

    public Task<WsClient> ConnectAsync() => ConnectAsync(Keys.Alice);

    public async Task<WsClient> ConnectAsync(string? token)
    {
        var socket = new ClientWebSocket();
        if (token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
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

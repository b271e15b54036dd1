using MLEDojo.Client;
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
    /// <summary>Room for a shipped competition's archive (spaceship-titanic packs to about 300 KB), small enough to test the cap.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

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

    /// <summary>The silo's options beyond ports and folders; expiry tests shorten the TTL.</summary>
    protected virtual void ConfigureSilo(DojoSiloOptions options) { }

    /// <summary>
    /// This server's own competitions root: links to the shipped competitions (so registration tests never write into
    /// the repository), plus whatever creators register.
    /// </summary>
    public string CompetitionsRoot => Path.Combine(_folder, "competitions");
    public string ImportRoot => Path.Combine(_folder, "imports");
    public string EpisodesRoot => Path.Combine(_folder, "episodes");

    public async Task InitializeAsync()
    {
        var siloPort = FreePort();
        Directory.CreateDirectory(CompetitionsRoot);
        Directory.CreateDirectory(ImportRoot);
        foreach (var shipped in Directory.EnumerateDirectories(RepoPaths.CompetitionsRoot))
            Directory.CreateSymbolicLink(Path.Combine(CompetitionsRoot, Path.GetFileName(shipped)), shipped);
        var options = new DojoSiloOptions
        {
            ClusterId = "gateway-" + siloPort,
            SiloPort = siloPort,
            GatewayPort = FreePort(),
            CompetitionsRoot = CompetitionsRoot,
            CompetitionImportRoot = ImportRoot,
            EpisodesRoot = EpisodesRoot,
            Storage = new DojoStorageOptions { ConnectionString = StoreConnectionString },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
        };
        ConfigureSilo(options);
        var builder = WebApplication.CreateSlimBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.UseOrleans(silo => silo.UseMLEDojo(options, _ => Runner));
        builder.Services.AddDojoGateway(o =>
        {
            o.MaxMessageBytes = MaxMessageBytes;
            o.KeyStoreConnectionString = StoreConnectionString;
            o.CompetitionImportRoot = ImportRoot;
            o.MaxUploadBytes = MaxUploadBytes;
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

    /// <summary>Any request as <paramref name="token"/>: the status and the body parsed as JSON (null when it is not JSON).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string? token, HttpMethod method, string path, HttpContent? content = null)
    {
        using var client = ClientFor(token);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body;
        try { body = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { body = null; }
        return (response.StatusCode, body);
    }

    /// <summary>A copy of spaceship-titanic under the import root as <paramref name="folder"/>, with a manifest so any name can score it.</summary>
    public string PrepareImport(string folder)
    {
        var target = Path.Combine(ImportRoot, folder);
        CopyTree(Path.Combine(RepoPaths.CompetitionsRoot, "spaceship-titanic", "data"), Path.Combine(target, "data"));
        File.WriteAllText(Path.Combine(target, "competition.json"), TitanicManifest);
        return target;
    }

    public const string TitanicManifest = """
        {"family": "accuracy", "params": {}, "higher_is_better": true, "id_column": "PassengerId", "id_as_text": true,
         "target_columns": ["Transported"], "category": "Tabular", "level": "beginner", "tags": ["imported"]}
        """;

    public static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
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

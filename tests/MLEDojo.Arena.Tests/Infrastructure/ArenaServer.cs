using MLEDojo.Client;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using MLEDojo.Arena.Grains;
using MLEDojo.Cli.Demo;
using MLEDojo.Execution;
using MLEDojo.Gateway;
using MLEDojo.Gateway.Arena;
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

namespace MLEDojo.Arena.Tests.Infrastructure;

/// <summary>
/// What `dojo serve --http-port` runs: Kestrel on a loopback port and on the silo's Unix socket for agent scripts, an
/// embedded silo with the arena (its limits from the "arena" configuration section), the gateway with auth on. Episode
/// code and agent scripts run for real (Debian's /usr/bin/python3), unisolated here and in the real sandbox in
/// <see cref="SandboxedArenaServer"/>. Keys: alice, bob, erin (the limits tests' user), frank (the CLI's), gina and hank (the LLM tests'), carol
/// (creator), root (admin).
/// </summary>
public class ArenaServer : IAsyncLifetime
{
    /// <summary>The configuration section the server's limits come from: 3 active submissions and 4 deploys a day per user.</summary>
    public static readonly DojoArenaOptions Config = new() { MaxActiveSubmissionsPerUser = 3, DailyEvaluationsPerUser = 4, MaxRunningSubmissions = 4 };

    public static ArenaOptions Arena { get; } = ArenaOptionsFactory.Create(new DojoSiloOptions { Arena = Config }) with
    {
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-arena-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();
    public IServiceProvider Services => _app.Services;
    public Dictionary<string, string> Keys { get; } = [];
    public string EpisodesRoot => Path.Combine(_folder, "episodes");

    /// <summary>The runner of episode code and agent scripts; null: the production default (the sandbox).</summary>
    protected virtual Func<IServiceProvider, ICodeRunner>? CodeRunner => _ => new ProcessCodeRunner(new ExecutionLimits());

    protected virtual ArenaOptions Limits => Arena;

    protected virtual DojoSandboxOptions Sandbox => new();

    /// <summary>The folder an attempt's agent script ran in (its agent.py, the client, what it wrote).</summary>
    public string ScriptFolder(string submissionId, string gridEpisodeId) => Path.Combine(EpisodesRoot, "arena", submissionId, gridEpisodeId);

    public async Task InitializeAsync()
    {
        var siloPort = EmbeddedGrid.FreePort();
        var options = new DojoSiloOptions
        {
            ClusterId = "arena-" + siloPort,
            SiloPort = siloPort,
            GatewayPort = EmbeddedGrid.FreePort(),
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = EpisodesRoot,
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")};Default Timeout=120" },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
            Arena = Config,
            Sandbox = Sandbox,
        };
        var builder = WebApplication.CreateSlimBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            ScriptSocket.Listen(kestrel, Path.Combine(_folder, "gateway.sock"));
        });
        builder.UseOrleans(silo => silo.UseMLEDojo(options, CodeRunner).UseMLEDojoArena(options, Limits));
        builder.Services.AddDojoGateway(o => o.KeyStoreConnectionString = options.Storage.ConnectionString);
        _app = builder.Build();
        _app.MapDojoGateway();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        var store = _app.Services.GetRequiredService<ApiKeyStore>();
        foreach (var user in new[] { "alice", "bob", "erin", "frank", "gina", "hank" }) Keys[user] = store.Mint(ApiKeyScope.User, user).ToString();
        Keys["carol"] = store.Mint(ApiKeyScope.Creator, "carol").ToString();
        Keys["root"] = store.Mint(ApiKeyScope.Admin, "root").ToString();
    }

    public HttpClient ClientFor(string? user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        if (user is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[user]);
        return client;
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body, ArenaJson.Options), Encoding.UTF8, "application/json");

    public static async Task<T> Read<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ArenaJson.Options))!;

    /// <summary>Creates a submission as <paramref name="user"/> and answers its status (201 expected).</summary>
    public async Task<SubmissionStatus> CreateAsync(string user, SubmissionDefinition definition, string? script = null, bool deploy = false)
    {
        using var http = ClientFor(user);
        using var response = await http.PostAsync("/api/arena/submissions", Json(new CreateSubmissionRequest { Definition = definition, Script = script, Deploy = deploy }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Read<SubmissionStatus>(response);
    }

    /// <summary>Follows the submission's tail (server-sent events) to its end: the lines, then the final status.</summary>
    public async Task<(List<SubmissionEvent> Lines, SubmissionStatus Final)> TailAsync(string user, string id, TimeSpan timeout)
    {
        using var http = ClientFor(user);
        using var cancel = new CancellationTokenSource(timeout);
        var lines = new List<SubmissionEvent>();
        await foreach (var item in new MLEDojo.Client.Arena.ArenaClient(http).TailAsync(id, 0, cancel.Token))
        {
            if (item.Line is { } line) lines.Add(line);
            if (item.Final is { } final) return (lines, final);
        }
        throw new InvalidOperationException("The tail ended without a final status.");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ArenaServerCollection : ICollectionFixture<ArenaServer>
{
    public const string Name = "arena server";
}

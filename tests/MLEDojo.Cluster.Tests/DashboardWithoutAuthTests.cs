using System.Collections;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLEDojo.Cli.Demo;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// `dojo serve --http-port N --insecure-no-auth` (embedded profile, loopback only) serves every caller as the operator,
/// and so the dashboard too: on one's own machine there is nobody to keep it from.
/// </summary>
public sealed class DashboardWithoutAuthTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-dash-noauth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Without_auth_the_dashboard_is_the_operators_on_loopback()
    {
        var options = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "silo.config.json"), [], new Hashtable { ["DOJO_devices__gpus"] = "none" });
        EmbeddedGrid.UsePrivateState(options, _folder, "dash-noauth");
        var port = EmbeddedGrid.FreePort();
        await using var grid = await EmbeddedGrid.StartWithGatewayAsync(options, IPAddress.Loopback, port, insecureNoAuth: true, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var counters = await http.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.NotNull((await counters.Content.ReadFromJsonAsync<JsonObject>())!["hosts"]);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLEDojo.Cli;

namespace MLEDojo.Gateway.Tests;

/// <summary><c>dojo serve --http-port</c>: the real command in its own process, as a user starts it.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-serve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_port_out_of_range_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["serve", "--http-port", "70000"], new StringWriter(), error));
        Assert.Contains("--http-port", error.ToString());
    }

    [Fact]
    public async Task Serve_with_an_http_port_co_hosts_the_gateway_on_loopback_and_says_it_is_unauthenticated()
    {
        var httpPort = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll"), "serve", "--http-port", httpPort.ToString()])
        {
            RedirectStandardOutput = true,
        };
        start.Environment["DOJO_clusterId"] = "serve-test-" + httpPort;
        start.Environment["DOJO_siloPort"] = FreePort().ToString();
        start.Environment["DOJO_gatewayPort"] = FreePort().ToString();
        start.Environment["DOJO_episodesRoot"] = Path.Combine(_folder, "episodes");
        start.Environment["DOJO_storage__connectionString"] = $"Data Source={Path.Combine(_folder, "grid.db")}";
        start.Environment["DOJO_devices__gpus"] = "none";
        using var serve = Process.Start(start)!;
        try
        {
            string? line;
            var banner = new List<string>();
            while ((line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null && !line.StartsWith("Ctrl+C", StringComparison.Ordinal))
                banner.Add(line);
            Assert.Contains(banner, l => l.Contains($"http://127.0.0.1:{httpPort}/") && l.Contains("auth: none (loopback only)"));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            var health = await http.GetFromJsonAsync<JsonObject>("/health");
            Assert.Equal("none (loopback only)", (string?)health!["auth"]);
            using var reset = await http.PostAsync("/reset", new StringContent("""{"competition": "spaceship-titanic", "episode_id": "serve-1"}"""));
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

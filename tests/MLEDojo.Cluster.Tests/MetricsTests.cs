using MLEDojo.Client;
using System.Net;
using System.Net.Sockets;
using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Cluster.Tests;

/// <summary>metrics.prometheusPort: a real silo serves the grid's OpenTelemetry metrics in Prometheus' format.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_silo_exports_open_episodes_steps_execution_outcomes_and_queues_for_prometheus()
    {
        var metricsPort = FreePort();
        var options = new DojoSiloOptions
        {
            ClusterId = "metrics-" + metricsPort,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = Path.Combine(_folder, "episodes"),
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "grid.db")}" },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
            Metrics = new DojoMetricsOptions { PrometheusPort = metricsPort },
        };
        Assert.Empty(DojoSiloOptionsValidator.Problems(options));
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseMLEDojo(options, _ => new FakeCodeRunner()));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var open = grains.GetGrain<IEpisodeGrain>("metrics-open");
            await open.Reset(new EpisodeOptions { Competition = "spaceship-titanic" });
            await open.Step(EpisodeAction.RequestInfo("name"));
            await open.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"));
            var finished = grains.GetGrain<IEpisodeGrain>("metrics-finished");
            await finished.Reset(new EpisodeOptions { Competition = "spaceship-titanic", MaxSteps = 1 });
            await finished.Step(EpisodeAction.ExecuteCode("#fail ValueError"));

            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            Assert.Matches("mledojo_episodes_open\\{[^}]*\\} 1\n", text);
            Assert.Matches("mledojo_execution_duration_seconds_bucket\\{[^}]*le=\"14400\"\\}", text);
            Assert.Contains("action=\"RequestInfo\"", Line(text, "mledojo_steps_total"));
            Assert.Matches("mledojo_steps_total\\{[^}]*action=\"ExecuteCode\"[^}]*\\} 2", text);
            Assert.Matches("mledojo_execution_duration_seconds_count\\{[^}]*outcome=\"Success\"[^}]*\\} 1", text);
            Assert.Matches("mledojo_execution_duration_seconds_count\\{[^}]*outcome=\"CodeError\"[^}]*\\} 1", text);
            Assert.Matches("mledojo_execution_queue\\{[^}]*device=\"cpu@", text);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string Line(string text, string metric) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + "{", StringComparison.Ordinal)) ?? $"(no {metric} line in:\n{text})";
}

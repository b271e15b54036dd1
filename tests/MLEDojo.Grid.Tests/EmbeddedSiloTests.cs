using MLEDojo.Client;
using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Grid.Tests;

/// <summary>The production wiring: an embedded-profile silo on a generic host, a fresh SQLite file, an external client.</summary>
public sealed class EmbeddedSiloTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-embedded-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_embedded_silo_creates_its_schema_and_serves_an_external_client()
    {
        var siloPort = Random.Shared.Next(31000, 39000);
        var options = new DojoSiloOptions
        {
            ClusterId = "embedded-" + siloPort,
            SiloPort = siloPort,
            GatewayPort = siloPort + 1,
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = Path.Combine(_folder, "episodes"),
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "db", "grid.db")}" },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
        };
        Assert.Empty(DojoSiloOptionsValidator.Problems(options));
        var runner = new FakeCodeRunner();

        var siloBuilder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        siloBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        siloBuilder.UseOrleans(silo => silo.UseMLEDojo(options, _ => runner));
        using var siloHost = siloBuilder.Build();
        await siloHost.StartAsync();
        try
        {
            var clientBuilder = Host.CreateApplicationBuilder(HostArguments.Defaults);
            clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
            clientBuilder.UseOrleansClient(client => client.UseMLEDojoClient(options));
            using var clientHost = clientBuilder.Build();
            await clientHost.StartAsync();
            var client = clientHost.Services.GetRequiredService<IClusterClient>();

            var episode = client.GetGrain<IEpisodeGrain>("embedded-episode");
            Assert.Null((await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic" })).Error);
            var step = await episode.Step(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"));
            Assert.Equal(ReferenceScores.For("spaceship-titanic", "2_baseline_model.csv").RawScore, step.Observation.CurrentRawScore!.Value, 12);
            var gpuReset = await client.GetGrain<IEpisodeGrain>("embedded-gpu").Reset(new EpisodeOptions { Competition = "spaceship-titanic", ResourceClass = ResourceClass.Gpu });
            Assert.Contains("no silo in the cluster has a GPU", gpuReset.Error);
            await clientHost.StopAsync();

            // The client library: connect, open an episode, step (retry-safe), close.
            await using var connection = await MLEDojo.Client.DojoConnection.ConnectAsync(GridClientBuilderExtensions.Gateway(options));
            var session = await connection.Client.StartEpisodeAsync(new EpisodeOptions { Competition = "home-data-for-ml-course", AgentName = "client-test" });
            var executed = await session.ExecuteCodeAsync("#copy 7_blend_half_baseline_half_truth.csv");
            Assert.Equal(ReferenceScores.For("home-data-for-ml-course", "7_blend_half_baseline_half_truth.csv").RawScore, executed.Observation.CurrentRawScore!.Value, 9);
            var retried = await session.StepAsync(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), requestId: "same-id");
            var again = await session.StepAsync(EpisodeAction.ExecuteCode("#copy 2_baseline_model.csv"), requestId: "same-id");
            Assert.Equal(retried.StepsTaken, again.StepsTaken);
            var board = await connection.Client.GetLeaderboardAsync("home-data-for-ml-course");
            Assert.Equal(session.EpisodeId, Assert.Single(board).EpisodeId);
            Assert.Equal(EpisodeStatus.Closed, (await session.CloseAsync()).Status);
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.GetHistoryAsync(cancelled.Token));
        }
        finally
        {
            await siloHost.StopAsync();
        }
        Assert.True(File.Exists(Path.Combine(_folder, "db", "grid.db")));
    }
}

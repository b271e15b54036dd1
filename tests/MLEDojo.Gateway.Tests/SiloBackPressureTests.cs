using System.Net;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Gateway.Tests;

/// <summary>
/// Back-pressure from the silos' own queues: the work here goes to the grains directly, around the gateway, so the
/// gateway's own in-flight count stays 0 and only the silos' reports can explain a refusal.
/// </summary>
public sealed class SiloBackPressureTests(QueuedGridGatewayServer server) : IClassFixture<QueuedGridGatewayServer>
{
    [Theory]
    [InlineData("cpu", "CPU execution queues")]
    [InlineData("gpu", "every GPU has at least")]
    public async Task New_episodes_are_refused_while_the_silos_queues_are_full_and_taken_again_after(string resourceClass, string reason)
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var type = resourceClass == "gpu" ? ResourceClass.Gpu : ResourceClass.Cpu;
        // One running and two waiting on a one-slot queue: over the bound of one waiting execution.
        var sleepers = new List<Task<StepResult>>();
        for (var i = 0; i < 3; i++)
        {
            var episode = grains.GetGrain<IEpisodeGrain>($"queued-{resourceClass}-{i}");
            await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", ResourceClass = type });
            sleepers.Add(episode.Step(EpisodeAction.ExecuteCode("#sleep 6000")));
        }

        var body = $$$"""{"competition": "spaceship-titanic", "options": {"resource_class": "{{{resourceClass}}}"}}""";
        var (status, refused) = await PollAsync(body, until: HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains(reason, (string?)refused["error"]);
        if (resourceClass == "cpu")
        {
            // The other class's queues are free, so its episodes still start.
            var (gpuStatus, _) = await server.PostAsync("/reset", """{"competition": "spaceship-titanic", "options": {"resource_class": "gpu"}}""");
            Assert.Equal(HttpStatusCode.OK, gpuStatus);
        }

        await Task.WhenAll(sleepers);
        (status, _) = await PollAsync(body, until: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<(HttpStatusCode, System.Text.Json.Nodes.JsonObject)> PollAsync(string body, HttpStatusCode until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (status, answer) = await server.PostAsync("/reset", body);
            if (status == until || DateTime.UtcNow > deadline) return (status, answer);
            await Task.Delay(250);
        }
    }
}

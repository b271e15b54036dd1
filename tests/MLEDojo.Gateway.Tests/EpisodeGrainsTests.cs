using System.Net;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Episodes;
using MLEDojo.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class EpisodeGrainsTests(GatewayServer server)
{
    [Fact]
    public async Task A_reference_is_the_one_the_grain_factory_gives_and_reaches_the_same_episode()
    {
        var (status, _) = await server.PostAsync("/reset", """{"env": "mle", "competition": "spaceship-titanic", "episode_id": "grains-ref"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var episodes = server.Services.GetRequiredService<EpisodeGrains>();
        var factory = server.Services.GetRequiredService<IGrainFactory>();

        var reference = episodes.Get("grains-ref");

        Assert.Equal(factory.GetGrain<IEpisodeGrain>("grains-ref").GetGrainId(), reference.GetGrainId());
        Assert.NotEqual(reference.GetGrainId(), episodes.Get("grains-other").GetGrainId());
        var snapshot = await reference.GetSnapshot();
        Assert.Equal("grains-ref", snapshot.EpisodeId);
        Assert.Equal(EpisodeStatus.Running, snapshot.Status);
    }
}

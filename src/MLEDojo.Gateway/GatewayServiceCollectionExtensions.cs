using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Episodes;
using MLEDojo.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateway's services over the host's <see cref="IGrainFactory"/> (a co-hosted silo's, or an Orleans client's).
    /// Auth is on unless <see cref="DojoGatewayOptions.InsecureNoAuth"/>; then the key store must be configured.
    /// The host's HTTP JSON options take the gateway's snake_case dialect, so the OpenAPI document describes what goes on the wire.
    /// </summary>
    public static IServiceCollection AddDojoGateway(this IServiceCollection services, Action<DojoGatewayOptions>? configure = null)
    {
        services.AddOptions<DojoGatewayOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<EpisodeGateway>();
        services.AddSingleton<EpisodeGrains>();
        services.AddSingleton<AuthorizedEpisodes>();
        services.AddSingleton<Competitions.GatewayCompetitions>();
        services.AddSingleton<ExecutionBackPressure>();
        services.AddSingleton(_ => new ExecutionRateLimiter(TimeProvider.System));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DojoGatewayOptions>>().Value;
            return new ApiKeyStore(options.KeyStoreProvider, options.KeyStoreConnectionString
                ?? throw new InvalidOperationException("The gateway needs KeyStoreConnectionString for its API keys, or InsecureNoAuth to serve without them."));
        });
        services.AddSingleton<GatewayWebSocketSession.Factory>();
        services.AddSingleton<Arena.ScriptRunKeys>();
        services.AddSingleton<MLEDojo.Arena.IAgentScriptHost, Arena.GatewayAgentScriptHost>();
        services.ConfigureHttpJsonOptions(o => GatewayJson.Configure(o.SerializerOptions));
        services.AddOpenApi();
        return services;
    }
}

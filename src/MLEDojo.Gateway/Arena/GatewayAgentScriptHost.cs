using MLEDojo.Arena;
using MLEDojo.Gateway.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Lets uploaded agent scripts reach their episodes through this gateway, as a remote client would: the address
/// Kestrel listens on, and for each run a user key of the submission's owner that owns the run's episode, revoked
/// when the run ends. Registered by <see cref="GatewayServiceCollectionExtensions.AddDojoGateway"/>, so a silo co-hosted
/// with the gateway (dojo serve --http-port) runs script submissions.
/// </summary>
internal sealed class GatewayAgentScriptHost(IServiceProvider services, IOptions<DojoGatewayOptions> options) : IAgentScriptHost
{
    public Uri BaseAddress
    {
        get
        {
            var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("The gateway is not listening yet.");
            var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("The gateway is not listening yet.");
            // Kestrel reports a wildcard binding as http://[::]:port or http://0.0.0.0:port; scripts run on this machine.
            return new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1"));
        }
    }

    public async Task<ScriptCredential?> IssueAsync(string owner, string episodeId)
    {
        if (options.Value.InsecureNoAuth) return null;
        var store = services.GetRequiredService<ApiKeyStore>();
        var token = store.Mint(ApiKeyScope.User, owner);
        await store.ClaimEpisodeAsync(episodeId, new GatewayCaller(owner, ApiKeyScope.User, token.Lookup));
        return new ScriptCredential(token.ToString(), token.Lookup);
    }

    public Task RevokeAsync(ScriptCredential credential)
    {
        services.GetRequiredService<ApiKeyStore>().Revoke(credential.Lookup);
        return Task.CompletedTask;
    }
}

using MLEDojo.Arena;
using MLEDojo.Gateway.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Lets uploaded agent scripts reach their episodes through this gateway, as a remote client would: over the Unix
/// socket Kestrel also listens on (<see cref="ScriptSocket"/>), with a run key (<see cref="ScriptRunKeys"/>) of the
/// submission's owner good for the run's episode only, revoked when the run ends. Registered by
/// <see cref="GatewayServiceCollectionExtensions.AddDojoGateway"/>, so a silo co-hosted with the gateway
/// (dojo serve --http-port) runs script submissions.
/// </summary>
internal sealed class GatewayAgentScriptHost(IServiceProvider services, ScriptRunKeys keys, IOptions<DojoGatewayOptions> options) : IAgentScriptHost
{
    public string? SocketPath => ScriptSocket.PathOf(services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    public async Task<ScriptCredential?> IssueAsync(string owner, string episodeId)
    {
        if (options.Value.InsecureNoAuth) return null;
        var token = keys.Issue(owner, episodeId);
        await services.GetRequiredService<ApiKeyStore>().ClaimEpisodeAsync(episodeId, new GatewayCaller(owner, ApiKeyScope.User, token.Lookup));
        return new ScriptCredential(token.ToString(), token.Lookup);
    }

    public Task RevokeAsync(ScriptCredential credential)
    {
        keys.Revoke(credential.Lookup);
        return Task.CompletedTask;
    }
}

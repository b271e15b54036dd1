using System.Collections.Concurrent;
using System.Security.Cryptography;
using MLEDojo.Gateway.Auth;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Keys made for one agent-script run, held only in this gateway's memory: user scope, acting as the submission's
/// owner, good for the run's episode alone (<see cref="GatewayCaller.OnlyEpisode"/>), removed when the run ends.
/// Nothing is stored, so a key cannot outlive the process whose sandbox held it (a script dies with its silo).
/// </summary>
public sealed class ScriptRunKeys
{
    private readonly ConcurrentDictionary<string, RunKey> _keys = new(StringComparer.Ordinal);

    public ApiKeyToken Issue(string owner, string episodeId)
    {
        var token = ApiKeyToken.Mint(ApiKeyScope.User);
        var salt = RandomNumberGenerator.GetBytes(ApiKeyToken.SaltBytes);
        _keys[token.Lookup] = new RunKey(owner, episodeId, salt, ApiKeyToken.Hash(salt, token.Secret));
        return token;
    }

    /// <summary>The caller a run key stands for; null when the token is not a live run key.</summary>
    public GatewayCaller? Authenticate(ApiKeyToken token) =>
        token.Scope == ApiKeyScope.User && _keys.TryGetValue(token.Lookup, out var key) && token.Matches(key.Salt, key.SecretHash)
            ? new GatewayCaller(key.Owner, ApiKeyScope.User, token.Lookup) { OnlyEpisode = key.EpisodeId }
            : null;

    public bool Revoke(string lookup) => _keys.TryRemove(lookup, out _);

    /// <summary>Run keys alive now (a finished run leaves none).</summary>
    public int Count => _keys.Count;

    private sealed record RunKey(string Owner, string EpisodeId, byte[] Salt, byte[] SecretHash);
}

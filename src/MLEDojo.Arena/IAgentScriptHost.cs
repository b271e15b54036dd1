namespace MLEDojo.Arena;

/// <summary>
/// Where an uploaded agent script reaches its episode: the Unix socket the gateway also listens on (bound into the
/// script's sandbox, whose network stays unshared) and a user key made for one run (revoked when the run ends), so
/// the script uses exactly the API a remote client uses. Provided by a host that serves the gateway next to its silo;
/// a grid without one refuses script submissions at validation.
/// </summary>
public interface IAgentScriptHost
{
    /// <summary>The gateway's Unix socket, or null when it does not listen on one (then scripts cannot run).</summary>
    string? SocketPath { get; }

    /// <summary>
    /// A key acting as <paramref name="owner"/> for episode <paramref name="episodeId"/> only (started by the arena
    /// with the submission's settings), or null when the gateway serves without keys.
    /// </summary>
    Task<ScriptCredential?> IssueAsync(string owner, string episodeId);

    Task RevokeAsync(ScriptCredential credential);
}

/// <summary>A key made for one script run: the token the script sends, the lookup that revokes it.</summary>
public sealed record ScriptCredential(string Token, string Lookup);

namespace MLEDojo.Arena;

/// <summary>
/// Where an uploaded agent script reaches its episode: the gateway's base address and a user key made for one run
/// (revoked when the run ends), so the script uses exactly the API a remote client uses. Provided by a host that
/// serves the gateway next to its silo; a grid without one refuses script submissions at validation.
/// </summary>
public interface IAgentScriptHost
{
    /// <summary>The gateway's base address, e.g. <c>http://127.0.0.1:8000</c>.</summary>
    Uri BaseAddress { get; }

    /// <summary>
    /// A key acting as <paramref name="owner"/> that owns episode <paramref name="episodeId"/> (started by the arena
    /// with the submission's settings), or null when the gateway serves without keys.
    /// </summary>
    Task<ScriptCredential?> IssueAsync(string owner, string episodeId);

    Task RevokeAsync(ScriptCredential credential);
}

/// <summary>A key made for one script run: the token the script sends, the lookup that revokes it.</summary>
public sealed record ScriptCredential(string Token, string Lookup);

namespace MLEDojo.Gateway.Auth;

/// <summary>A stored key as listings show it: never the secret, which exists only in the token printed at creation.</summary>
public sealed record ApiKeyRecord(string Lookup, ApiKeyScope Scope, string Owner, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>The caller of a request: the key's owner and scope, or <see cref="Unauthenticated"/> when the gateway runs without auth.</summary>
public sealed record GatewayCaller(string Owner, ApiKeyScope Scope, string? KeyLookup)
{
    /// <summary>With auth off everyone is the operator: no ownership checks, no quotas.</summary>
    public static GatewayCaller Unauthenticated { get; } = new("anonymous", ApiKeyScope.Admin, null);

    public bool IsAdmin => Scope == ApiKeyScope.Admin;

    /// <summary>Set for a key made for one arena script run: the one episode it may play; it may call nothing else.</summary>
    public string? OnlyEpisode { get; init; }
}

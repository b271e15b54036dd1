namespace MLEDojo.Gateway;

public sealed class DojoGatewayOptions
{
    /// <summary>The largest HTTP body or WebSocket message accepted; larger ones are answered with an error and discarded.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>What protects the gateway, reported on /health. This slice has no authentication, so hosts bind it to loopback.</summary>
    public string Auth { get; set; } = "none (loopback only)";
}

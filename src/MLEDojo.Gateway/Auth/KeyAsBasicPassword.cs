namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Endpoint metadata: the route is opened by browsers, so besides <c>Authorization: Bearer KEY</c> it accepts
/// <c>Authorization: Basic base64(ANY:KEY)</c>, and its 401 carries a Basic challenge that makes the browser ask.
/// </summary>
public sealed class KeyAsBasicPassword
{
    public static KeyAsBasicPassword Instance { get; } = new();

    public const string Challenge = "Basic realm=\"MLEDojo\", charset=\"UTF-8\"";

    private KeyAsBasicPassword()
    {
    }

    /// <summary>The password of a Basic header's credentials; null when the header is not well-formed Basic.</summary>
    public static string? Password(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), buffer, out var length)) return null;
        var credentials = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        var colon = credentials.IndexOf(':');
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}

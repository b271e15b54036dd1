using System.Security.Cryptography;
using System.Text;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// A bearer token <c>mlk_&lt;scope&gt;_&lt;lookup&gt;_&lt;secret&gt;</c>, ML Arena's shape. The lookup finds the stored key; only a
/// salted SHA-256 of the secret is stored. A single hash round is enough because the secret is 192 random bits, not a
/// password: there is nothing to guess, so key stretching would only slow every request.
/// </summary>
public sealed record ApiKeyToken(ApiKeyScope Scope, string Lookup, string Secret)
{
    private const string Prefix = "mlk";
    private const int LookupBytes = 6;
    private const int SecretBytes = 24;
    public const int SaltBytes = 16;

    public static ApiKeyToken Mint(ApiKeyScope scope) =>
        new(scope, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(LookupBytes)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes)));

    public override string ToString() => $"{Prefix}_{Scope.Name()}_{Lookup}_{Secret}";

    /// <summary>Null for anything that is not a well-formed token; hex only, so the four parts split unambiguously.</summary>
    public static ApiKeyToken? TryParse(string text)
    {
        var parts = text.Split('_');
        if (parts.Length != 4 || parts[0] != Prefix || !ApiKeyScopes.TryParse(parts[1], out var scope)) return null;
        if (!IsHex(parts[2], LookupBytes * 2) || !IsHex(parts[3], SecretBytes * 2)) return null;
        return new ApiKeyToken(scope, parts[2], parts[3]);
    }

    public static bool IsLookup(string text) => IsHex(text, LookupBytes * 2);

    public static byte[] Hash(byte[] salt, string secret) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);

    /// <summary>Constant time, so the comparison does not tell an attacker how much of a guessed secret was right.</summary>
    public bool Matches(byte[] salt, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(salt, Secret), storedHash);

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigitLower);
}

namespace MLEDojo.Gateway.Auth;

/// <summary>What a key may do: user keys play episodes, creator keys manage the competitions their owner owns, admin keys do anything.</summary>
public enum ApiKeyScope
{
    User,
    Creator,
    Admin,
}

public static class ApiKeyScopes
{
    public static string Name(this ApiKeyScope scope) => scope.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out ApiKeyScope scope)
    {
        // Enum.TryParse would also take "1" or "User"; the token format spells scopes one way only.
        foreach (var candidate in Enum.GetValues<ApiKeyScope>())
        {
            if (candidate.Name() == text)
            {
                scope = candidate;
                return true;
            }
        }
        scope = default;
        return false;
    }
}

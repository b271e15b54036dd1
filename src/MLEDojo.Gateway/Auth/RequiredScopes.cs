using Microsoft.AspNetCore.Builder;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Endpoint metadata: the key scopes a route serves. <see cref="GatewayAuthMiddleware"/> authenticates every route
/// that carries it (401 without a valid key, 403 for another scope); a route without it (/health) is open.
/// </summary>
public sealed class RequiredScopes(params ApiKeyScope[] scopes)
{
    public IReadOnlySet<ApiKeyScope> Scopes { get; } = scopes.ToHashSet();

    /// <summary>Descriptions: any valid key.</summary>
    public static RequiredScopes AnyKey { get; } = new(ApiKeyScope.User, ApiKeyScope.Creator, ApiKeyScope.Admin);
    /// <summary>Episodes: users (their own) and admins.</summary>
    public static RequiredScopes Episodes { get; } = new(ApiKeyScope.User, ApiKeyScope.Admin);
    /// <summary>Registering and tagging competitions: creators (their own) and admins.</summary>
    public static RequiredScopes Creators { get; } = new(ApiKeyScope.Creator, ApiKeyScope.Admin);
    public static RequiredScopes Admins { get; } = new(ApiKeyScope.Admin);

    public string Describe() => string.Join(" or ", Scopes.Order().Select(s => s.Name()));
}

public static class RequiredScopesExtensions
{
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, RequiredScopes scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(scopes);
}

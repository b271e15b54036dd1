using MLEDojo.Gateway.Auth;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>The tokens a test server hands out: two users, a creator, an admin, and a user key already revoked.</summary>
public sealed record TestKeys(string Alice, string Bob, string Carol, string Root, string Revoked)
{
    public static TestKeys Mint(ApiKeyStore store)
    {
        var revoked = store.Mint(ApiKeyScope.User, "mallory");
        store.Revoke(revoked.Lookup);
        return new TestKeys(
            Alice: store.Mint(ApiKeyScope.User, "alice").ToString(),
            Bob: store.Mint(ApiKeyScope.User, "bob").ToString(),
            Carol: store.Mint(ApiKeyScope.Creator, "carol").ToString(),
            Root: store.Mint(ApiKeyScope.Admin, "root").ToString(),
            Revoked: revoked.ToString());
    }
}

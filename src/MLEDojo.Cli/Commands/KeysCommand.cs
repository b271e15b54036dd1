using System.CommandLine;
using MLEDojo.Gateway.Auth;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Cli.Commands;

/// <summary>
/// <c>dojo keys create|revoke|list</c>: the gateway's API keys, in the store the configuration names (the grid's SQLite
/// file on one machine; in a cluster the PostgreSQL database every gateway shares), run where that store is reachable.
/// </summary>
internal static class KeysCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var config = GridCommands.ConfigOption();
        var scope = new Option<string>("--scope") { Description = "user (episodes), creator (competitions the owner owns) or admin.", Required = true };
        var owner = new Option<string>("--owner") { Description = "Who the key belongs to; episodes opened with it are this owner's.", Required = true };
        var create = new Command("create", "Mint a key and print its token, once: only a salted hash of its secret is stored.") { config, scope, owner };
        create.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            if (!ApiKeyScopes.TryParse(parse.GetValue(scope)!, out var parsed))
                throw new UsageException($"--scope must be user, creator or admin; got '{parse.GetValue(scope)}'.");
            var name = parse.GetValue(owner)!;
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) throw new UsageException("--owner needs 1-200 characters.");
            var token = (await StoreAsync(parse.GetValue(config), cancellationToken)).Mint(parsed, name);
            output.WriteLine(token.ToString());
            error.WriteLine($"key {token.Lookup} ({parsed.Name()}, owner {name}) created; the token above is not stored and will not be shown again.");
            return 0;
        }));

        var lookup = new Argument<string>("lookup") { Description = "The key's lookup: the third part of its token, as `dojo keys list` shows it." };
        var revoke = new Command("revoke", "Revoke a key; gateways refuse it from their next request on.") { config, lookup };
        revoke.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var id = parse.GetValue(lookup)!;
            if (!(await StoreAsync(parse.GetValue(config), cancellationToken)).Revoke(id)) throw new UsageException($"No active key '{id}'.");
            output.WriteLine($"key {id} revoked");
            return 0;
        }));

        var list = new Command("list", "List keys (lookup, scope, owner, created, revoked); secrets are never shown.") { config };
        list.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            foreach (var key in (await StoreAsync(parse.GetValue(config), cancellationToken)).List())
                output.WriteLine($"{key.Lookup}  {key.Scope.Name(),-7}  {key.Owner}  created {key.CreatedAt:u}{(key.RevokedAt is { } revoked ? $"  revoked {revoked:u}" : "")}");
            return 0;
        }));

        return new Command("keys", "The gateway's API keys (bearer tokens mlk_<scope>_<lookup>_<secret>).") { create, revoke, list };
    }

    private static Task<ApiKeyStore> StoreAsync(FileInfo? config, CancellationToken cancellationToken) =>
        Gateway.GatewayKeyStore.OpenAsync(GridCommands.Load(config, null), cancellationToken);
}

using MLEDojo.Gateway.Auth;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using Npgsql;

namespace MLEDojo.Cli.Gateway;

/// <summary>
/// The gateway's API key store as the configuration places it (gatewayKeyStore, else the grid's storage), for the
/// gateway's web host and <c>dojo keys</c> alike. In PostgreSQL its tables are part of the grid's schema, which is
/// applied here first when storage.initializeSchema allows, so a gateway or <c>dojo keys</c> may run before any silo.
/// </summary>
internal static class GatewayKeyStore
{
    public static ApiKeyStoreProvider Provider(GatewayKeyStoreLocation location) =>
        location.Provider == DojoStorageProviders.PostgreSql ? ApiKeyStoreProvider.PostgreSql : ApiKeyStoreProvider.Sqlite;

    public static async Task PrepareAsync(DojoSiloOptions options, CancellationToken cancellationToken)
    {
        var location = options.GatewayKeyStoreLocation();
        if (location.Provider != DojoStorageProviders.PostgreSql || !options.Storage.InitializeSchema) return;
        try
        {
            await PostgreSqlSchema.EnsureCreatedAsync(location.ConnectionString, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new UsageException($"The API key store, PostgreSQL at {PostgreSqlSchema.Describe(location.ConnectionString)}: {e.Message}");
        }
    }

    public static async Task<ApiKeyStore> OpenAsync(DojoSiloOptions options, CancellationToken cancellationToken)
    {
        await PrepareAsync(options, cancellationToken);
        var location = options.GatewayKeyStoreLocation();
        try
        {
            return new ApiKeyStore(Provider(location), location.ConnectionString);
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            throw new UsageException($"The API key store ({location.Provider}): {e.Message}");
        }
    }
}

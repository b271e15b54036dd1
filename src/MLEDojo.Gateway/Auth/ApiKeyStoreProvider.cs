namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Where <see cref="ApiKeyStore"/> keeps keys and episode owners: a SQLite file (one machine, or one gateway with its
/// own volume) or a PostgreSQL database that every gateway of a cluster shares.
/// </summary>
public enum ApiKeyStoreProvider
{
    Sqlite,
    PostgreSql,
}

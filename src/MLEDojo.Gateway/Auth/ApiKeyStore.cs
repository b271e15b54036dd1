using System.Data.Common;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// API keys and episode owners, in two tables: of the grid's SQLite database (created if missing), so that
/// <c>dojo keys</c> on the server and every gateway over that file see the same keys and revocations at once; or of a
/// cluster's PostgreSQL database, which every gateway process shares. Nothing is cached: every request reads the key's
/// row, so a key minted or revoked through one gateway (or <c>dojo keys</c>) counts on every other from its next request.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly KeyStoreDatabase _database;

    /// <summary>A store in the SQLite database of <paramref name="connectionString"/>.</summary>
    public ApiKeyStore(string connectionString) : this(ApiKeyStoreProvider.Sqlite, connectionString)
    {
    }

    public ApiKeyStore(ApiKeyStoreProvider provider, string connectionString)
    {
        Provider = provider;
        _database = KeyStoreDatabase.For(provider, connectionString);
        _database.EnsureReady();
    }

    public ApiKeyStoreProvider Provider { get; }

    /// <summary>A new key; the returned token is the only place its secret ever exists.</summary>
    public ApiKeyToken Mint(ApiKeyScope scope, string owner)
    {
        if (string.IsNullOrWhiteSpace(owner) || owner.Length > 200) throw new ArgumentException("An owner name needs 1-200 characters.", nameof(owner));
        var token = ApiKeyToken.Mint(scope);
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ApiKeyToken.SaltBytes);
        using var connection = Open();
        Execute(connection, "INSERT INTO dojo_api_keys (lookup, scope, owner, salt, secret_hash, created_at) VALUES (@lookup, @scope, @owner, @salt, @hash, @now)",
            ("lookup", token.Lookup), ("scope", scope.Name()), ("owner", owner), ("salt", salt),
            ("hash", ApiKeyToken.Hash(salt, token.Secret)), ("now", Now()));
        return token;
    }

    /// <summary>False when no key has that lookup or it was already revoked.</summary>
    public bool Revoke(string lookup)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE dojo_api_keys SET revoked_at = @now WHERE lookup = @lookup AND revoked_at IS NULL",
            ("lookup", lookup), ("now", Now())) == 1;
    }

    public IReadOnlyList<ApiKeyRecord> List()
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT lookup, scope, owner, created_at, revoked_at FROM dojo_api_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            ApiKeyScopes.TryParse(reader.GetString(1), out var scope);
            keys.Add(new ApiKeyRecord(reader.GetString(0), scope, reader.GetString(2), KeyStoreDatabase.ReadTimestamp(reader.GetValue(3)),
                reader.IsDBNull(4) ? null : KeyStoreDatabase.ReadTimestamp(reader.GetValue(4))));
        }
        return keys;
    }

    /// <summary>The caller a token stands for; null when it is unknown, revoked, or its secret or scope does not match.</summary>
    public async Task<GatewayCaller?> AuthenticateAsync(ApiKeyToken token)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT scope, owner, salt, secret_hash FROM dojo_api_keys WHERE lookup = @lookup AND revoked_at IS NULL",
            ("lookup", token.Lookup));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var matches = token.Matches((byte[])reader.GetValue(2), (byte[])reader.GetValue(3));
        return matches && reader.GetString(0) == token.Scope.Name() ? new GatewayCaller(reader.GetString(1), token.Scope, token.Lookup) : null;
    }

    public async Task<string?> EpisodeOwnerAsync(string episodeId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT owner FROM dojo_episode_owners WHERE episode_id = @id", ("id", episodeId));
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Records the caller as the episode's owner unless someone already is; answers the owner that stands.</summary>
    public async Task<string> ClaimEpisodeAsync(string episodeId, GatewayCaller caller)
    {
        await using var connection = await OpenAsync();
        await using (var insert = Command(connection,
            "INSERT INTO dojo_episode_owners (episode_id, owner, key_lookup, claimed_at) VALUES (@id, @owner, @lookup, @now) ON CONFLICT (episode_id) DO NOTHING",
            ("id", episodeId), ("owner", caller.Owner), ("lookup", caller.KeyLookup ?? ""), ("now", Now())))
            await insert.ExecuteNonQueryAsync();
        await using var select = Command(connection, "SELECT owner FROM dojo_episode_owners WHERE episode_id = @id", ("id", episodeId));
        return (string)(await select.ExecuteScalarAsync())!;
    }

    /// <summary>The episodes a key opened that the store still counts as open.</summary>
    public async Task<IReadOnlyList<string>> OpenEpisodesAsync(string keyLookup)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT episode_id FROM dojo_episode_owners WHERE key_lookup = @lookup AND open = 1", ("lookup", keyLookup));
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task MarkEpisodeEndedAsync(string episodeId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "UPDATE dojo_episode_owners SET open = 0 WHERE episode_id = @id", ("id", episodeId));
        await command.ExecuteNonQueryAsync();
    }

    private object Now() => _database.Timestamp(DateTimeOffset.UtcNow);

    private DbConnection Open()
    {
        var connection = _database.CreateConnection();
        connection.Open();
        return connection;
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = _database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }

    private static int Execute(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

using Microsoft.Data.Sqlite;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// API keys and episode owners, in two tables of the grid's SQLite database (created if missing), so that
/// <c>dojo keys</c> on the server and every gateway over that database see the same keys and revocations at once.
/// </summary>
public sealed class ApiKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dojo_api_keys (
            lookup TEXT PRIMARY KEY, scope TEXT NOT NULL, owner TEXT NOT NULL,
            salt BLOB NOT NULL, secret_hash BLOB NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE IF NOT EXISTS dojo_episode_owners (
            episode_id TEXT PRIMARY KEY, owner TEXT NOT NULL, key_lookup TEXT NOT NULL, claimed_at TEXT NOT NULL,
            open INTEGER NOT NULL DEFAULT 1);
        CREATE INDEX IF NOT EXISTS dojo_episode_owners_open ON dojo_episode_owners (key_lookup, open);
        """;

    private readonly string _connectionString;

    public ApiKeyStore(string connectionString)
    {
        _connectionString = connectionString;
        var folder = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = Open();
        Execute(connection, Schema);
    }

    /// <summary>A new key; the returned token is the only place its secret ever exists.</summary>
    public ApiKeyToken Mint(ApiKeyScope scope, string owner)
    {
        if (string.IsNullOrWhiteSpace(owner) || owner.Length > 200) throw new ArgumentException("An owner name needs 1-200 characters.", nameof(owner));
        var token = ApiKeyToken.Mint(scope);
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ApiKeyToken.SaltBytes);
        using var connection = Open();
        Execute(connection, "INSERT INTO dojo_api_keys (lookup, scope, owner, salt, secret_hash, created_at) VALUES ($lookup, $scope, $owner, $salt, $hash, $now)",
            ("$lookup", token.Lookup), ("$scope", scope.Name()), ("$owner", owner), ("$salt", salt),
            ("$hash", ApiKeyToken.Hash(salt, token.Secret)), ("$now", DateTimeOffset.UtcNow.ToString("O")));
        return token;
    }

    /// <summary>False when no key has that lookup or it was already revoked.</summary>
    public bool Revoke(string lookup)
    {
        using var connection = Open();
        return Execute(connection, "UPDATE dojo_api_keys SET revoked_at = $now WHERE lookup = $lookup AND revoked_at IS NULL",
            ("$lookup", lookup), ("$now", DateTimeOffset.UtcNow.ToString("O"))) == 1;
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
            keys.Add(new ApiKeyRecord(reader.GetString(0), scope, reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : DateTimeOffset.Parse(reader.GetString(4))));
        }
        return keys;
    }

    /// <summary>The caller a token stands for; null when it is unknown, revoked, or its secret or scope does not match.</summary>
    public async Task<GatewayCaller?> AuthenticateAsync(ApiKeyToken token)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT scope, owner, salt, secret_hash FROM dojo_api_keys WHERE lookup = $lookup AND revoked_at IS NULL",
            ("$lookup", token.Lookup));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var matches = token.Matches((byte[])reader.GetValue(2), (byte[])reader.GetValue(3));
        return matches && reader.GetString(0) == token.Scope.Name() ? new GatewayCaller(reader.GetString(1), token.Scope, token.Lookup) : null;
    }

    public async Task<string?> EpisodeOwnerAsync(string episodeId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT owner FROM dojo_episode_owners WHERE episode_id = $id", ("$id", episodeId));
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Records the caller as the episode's owner unless someone already is; answers the owner that stands.</summary>
    public async Task<string> ClaimEpisodeAsync(string episodeId, GatewayCaller caller)
    {
        await using var connection = await OpenAsync();
        await using (var insert = Command(connection,
            "INSERT OR IGNORE INTO dojo_episode_owners (episode_id, owner, key_lookup, claimed_at) VALUES ($id, $owner, $lookup, $now)",
            ("$id", episodeId), ("$owner", caller.Owner), ("$lookup", caller.KeyLookup ?? ""), ("$now", DateTimeOffset.UtcNow.ToString("O"))))
            await insert.ExecuteNonQueryAsync();
        await using var select = Command(connection, "SELECT owner FROM dojo_episode_owners WHERE episode_id = $id", ("$id", episodeId));
        return (string)(await select.ExecuteScalarAsync())!;
    }

    /// <summary>The episodes a key opened that the store still counts as open.</summary>
    public async Task<IReadOnlyList<string>> OpenEpisodesAsync(string keyLookup)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT episode_id FROM dojo_episode_owners WHERE key_lookup = $lookup AND open = 1", ("$lookup", keyLookup));
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task MarkEpisodeEndedAsync(string episodeId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "UPDATE dojo_episode_owners SET open = 0 WHERE episode_id = $id", ("$id", episodeId));
        await command.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}

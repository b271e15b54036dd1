using Npgsql;

namespace MLEDojo.Hosting.Storage;

/// <summary>
/// Creates or updates the grid's PostgreSQL schema: the query table, cluster membership, grain state, reminders and the
/// gateway's API keys (embedded resources Storage/PostgreSql/N-*.sql, applied in name order). Every script is idempotent;
/// the whole set runs in one transaction under an advisory lock, so silos starting together and `dojo db init`
/// never interleave, and a failure leaves the database as it was.
/// </summary>
public static class PostgreSqlSchema
{
    private const string ResourcePrefix = "MLEDojo.Hosting.PostgreSql.";

    /// <summary>An arbitrary constant naming this schema's advisory lock ("dojo" in ASCII).</summary>
    private const long AdvisoryLock = 0x646f6a6f;

    /// <summary>The scripts in the order they must run: (resource name, SQL).</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts { get; } = ReadScripts();

    /// <summary>Applies the schema; answers the schema version now recorded in dojo_schema_info.</summary>
    public static async Task<string> EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AdvisoryLock});", connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (_, sql) in Scripts)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        string version;
        await using (var command = new NpgsqlCommand("SELECT value FROM dojo_schema_info WHERE name = 'schema_version';", connection, transaction))
            version = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>The connection string with its password masked, for messages and logs.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password)) builder.Password = "***";
        return builder.ToString();
    }

    private static (string, string)[] ReadScripts()
    {
        var assembly = typeof(PostgreSqlSchema).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
            throw new InvalidOperationException($"No embedded {ResourcePrefix}*.sql scripts in {assembly.GetName().Name}.");
        return names.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            return (name[ResourcePrefix.Length..], reader.ReadToEnd());
        }).ToArray();
    }
}

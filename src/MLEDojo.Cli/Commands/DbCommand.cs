using System.CommandLine;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using Npgsql;

namespace MLEDojo.Cli.Commands;

/// <summary>
/// <c>dojo db init [--connection CS] [--config FILE]</c>: applies the grid's schema (idempotent) to the PostgreSQL
/// database of --connection, else of storage.connectionString (a SQLite file gets its grain-storage schema).
/// Silos do the same at start unless storage.initializeSchema is false; this is for operators whose silos may not
/// create tables.
/// </summary>
internal static class DbCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var config = GridCommands.ConfigOption();
        var connection = new Option<string?>("--connection")
        {
            Description = "PostgreSQL connection string (Host=...;Port=5432;Database=...;Username=...;Password=...). Default: storage.connectionString of the configuration.",
        };
        var init = new Command("init", "Create or update the grid's database schema (membership, grain state, reminders); safe to run again.") { config, connection };
        init.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var given = parse.GetValue(connection);
            if (given is not null)
                return await InitPostgreSqlAsync(given, output, cancellationToken);
            var options = GridCommands.Load(parse.GetValue(config), dataRoot: null);
            if (options.Storage.Provider == DojoStorageProviders.PostgreSql)
                return await InitPostgreSqlAsync(options.Storage.ConnectionString, output, cancellationToken);
            await SqliteGrainStorageSchema.EnsureCreatedAsync(options.Storage.ConnectionString, cancellationToken);
            output.WriteLine($"SQLite grain-storage schema ready in {options.Storage.ConnectionString}");
            return 0;
        }));
        return new Command("db", "The grid's database.") { init };
    }

    private static async Task<int> InitPostgreSqlAsync(string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        if (DojoSiloOptionsValidator.PostgreSqlConnectionProblem(connectionString) is { } problem)
            throw new UsageException("--connection: " + problem);
        var target = PostgreSqlSchema.Describe(connectionString);
        string version;
        try
        {
            version = await PostgreSqlSchema.EnsureCreatedAsync(connectionString, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new UsageException($"PostgreSQL at {target}: {e.Message}");
        }
        output.WriteLine($"PostgreSQL schema version {version} ready ({PostgreSqlSchema.Scripts.Count} scripts: {string.Join(", ", PostgreSqlSchema.Scripts.Select(s => s.Name))}) in {target}");
        return 0;
    }
}

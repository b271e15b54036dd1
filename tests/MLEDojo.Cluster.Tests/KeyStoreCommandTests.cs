using System.Text.Json.Nodes;
using MLEDojo.Cli;
using MLEDojo.Cluster.Tests.Infrastructure;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Cluster.Tests;

/// <summary><c>dojo keys</c> on a cluster's PostgreSQL key store whose silos may not create tables (storage.initializeSchema false).</summary>
public sealed class KeyStoreCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-keys-pg-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Output, string Error) Dojo(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (DojoCli.Run(args, output, error), output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Without_the_schema_keys_commands_say_to_run_db_init_and_work_after_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        Directory.CreateDirectory(_folder);
        var config = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(config, new JsonObject
        {
            ["profile"] = "cluster",
            ["competitionsRoot"] = RepoPaths.CompetitionsRoot,
            ["storage"] = new JsonObject { ["provider"] = "postgresql", ["connectionString"] = database.ConnectionString, ["initializeSchema"] = false },
        }.ToJsonString());

        var refused = Dojo("keys", "create", "--scope", "user", "--owner", "erin", "--config", config);
        Assert.Equal(DojoCli.UsageError, refused.Code);
        Assert.Contains("dojo db init", refused.Error);
        Assert.DoesNotContain(TestDatabase.Password + ";", refused.Error);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'dojo_api_keys'"));

        Assert.Equal(0, Dojo("db", "init", "--config", config).Code);
        var created = Dojo("keys", "create", "--scope", "user", "--owner", "erin", "--config", config);
        Assert.True(created.Code == 0, created.Error);
        var listed = Dojo("keys", "list", "--config", config);
        Assert.Contains("erin", listed.Output);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM dojo_api_keys WHERE owner = 'erin'"));
    }
}

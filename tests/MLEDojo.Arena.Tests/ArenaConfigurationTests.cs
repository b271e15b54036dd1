using System.Collections;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Grains;
using MLEDojo.Arena.Submissions;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Arena.Tests;

/// <summary>silo.config.json's "arena" section: bound to the arena's options, refused with the bad key named.</summary>
public sealed class ArenaConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-arena-config-" + Guid.NewGuid().ToString("N"));

    public ArenaConfigurationTests() => Directory.CreateDirectory(Path.Combine(_folder, "competitions"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DojoSiloOptions Load(string arena, IDictionary? environment = null)
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, $$"""{ "competitionsRoot": "competitions", "clusterId": "c1", "siloPort": 12000, "arena": {{arena}} }""");
        return DojoConfiguration.Load(path, [], environment ?? new Hashtable());
    }

    [Fact]
    public void Every_arena_key_binds_to_the_arena_options()
    {
        var options = Load("""
            { "maxActiveSubmissionsPerUser": 2, "dailyEvaluationsPerUser": 7, "maxEpisodesPerCompetition": 3,
              "maxCompetitionsPerSubmission": 4, "maxRunningSubmissions": 6, "episodeConcurrency": 5, "scriptTimeoutSeconds": 90,
              "scriptMemoryMb": 300, "scriptCpus": 0.5, "maxScriptKb": 64, "platformFailureRetries": 1, "scriptSocket": "run/gateway.sock" }
            """, new Hashtable { ["DOJO_arena__dailyEvaluationsPerUser"] = "8" });
        var arena = ArenaOptionsFactory.Create(options);
        Assert.Equal(2, arena.MaxActiveSubmissionsPerOwner);
        Assert.Equal(8, arena.DailyDeploysPerOwner); // the environment wins over the file
        Assert.Equal(3, arena.MaxEpisodesPerCompetition);
        Assert.Equal(4, arena.MaxCompetitions);
        Assert.Equal(6, arena.MaxRunningSubmissions);
        Assert.Equal(5, arena.EpisodeConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(90), arena.ScriptTimeout);
        Assert.Equal(300L * 1024 * 1024, arena.ScriptMemoryBytes);
        Assert.Equal(0.5, arena.ScriptCpus);
        Assert.Equal(64 * 1024, arena.MaxScriptBytes);
        Assert.Equal(2, arena.MaxAttemptsPerEpisode);
        Assert.Equal(Path.Combine(_folder, "run", "gateway.sock"), options.Arena.ScriptSocketPath(options));
    }

    [Fact]
    public void Without_a_section_the_defaults_hold_and_each_silo_gets_its_own_socket()
    {
        var options = Load("{}");
        Assert.Empty(DojoSiloOptionsValidator.Problems(options));
        Assert.Equal(3, ArenaOptionsFactory.Create(options).MaxAttemptsPerEpisode);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "mledojo-c1-12000.sock"), options.Arena.ScriptSocketPath(options));
        var repository = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "silo.config.json"), [], new Hashtable());
        Assert.Equal(5, ArenaOptionsFactory.Create(repository).MaxActiveSubmissionsPerOwner);
    }

    [Theory]
    [InlineData("""{ "maxActiveSubmisionsPerUser": 2 }""", "maxActiveSubmisionsPerUser")]
    [InlineData("""{ "maxActiveSubmissionsPerUser": 0 }""", "arena.maxActiveSubmissionsPerUser: 0 must be between 1 and")]
    [InlineData("""{ "dailyEvaluationsPerUser": -1 }""", "arena.dailyEvaluationsPerUser")]
    [InlineData("""{ "maxEpisodesPerCompetition": 0 }""", "arena.maxEpisodesPerCompetition")]
    [InlineData("""{ "maxCompetitionsPerSubmission": 5000 }""", "arena.maxCompetitionsPerSubmission")]
    [InlineData("""{ "scriptTimeoutSeconds": 0 }""", "arena.scriptTimeoutSeconds")]
    [InlineData("""{ "scriptMemoryMb": 999999 }""", "arena.scriptMemoryMb: 999999 must be between 16 and 65536")]
    [InlineData("""{ "scriptCpus": 0 }""", "arena.scriptCpus")]
    [InlineData("""{ "platformFailureRetries": 11 }""", "arena.platformFailureRetries")]
    [InlineData("""{ "platformFailureRetries": "two" }""", "platformFailureRetries")]
    [InlineData("""{ "scriptSocket": "/tmp/a-very-long-folder-name-that-goes-on-and-on/and-on-and-on-and-on-and-on/and-on-and-on-until/gateway.sock" }""", "arena.scriptSocket")]
    public void Bad_arena_values_name_the_offending_key(string arena, string expected)
    {
        var error = Assert.Throws<DojoConfigurationException>(() => Load(arena));
        Assert.True(error.Message.Contains(expected, StringComparison.OrdinalIgnoreCase), error.Message);
    }

    [Fact]
    public void Limits_from_the_section_refuse_definitions_past_them()
    {
        var arena = ArenaOptionsFactory.Create(Load("""{ "maxEpisodesPerCompetition": 3, "maxCompetitionsPerSubmission": 1 }"""));
        var problems = DefinitionCheck.Problems(new SubmissionDefinition
        {
            Agent = "scripted", Competitions = ["spaceship-titanic", "home-data-for-ml-course"], EpisodesPerCompetition = 4,
        }, arena);
        Assert.Contains("2 competitions is more than this arena's limit of 1.", problems);
        Assert.Contains("episodes_per_competition is 4; it must be between 1 and 3.", problems);
    }
}

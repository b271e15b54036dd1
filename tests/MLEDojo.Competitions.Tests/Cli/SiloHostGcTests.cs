using System.Text.Json;
using System.Xml.Linq;

namespace MLEDojo.Competitions.Tests.Cli;

/// <summary>Both processes that host a silo run server GC without DATAS (docs/BENCHMARKS.md has the measurements).</summary>
public sealed class SiloHostGcTests
{
    [Fact]
    public void The_dojo_command_is_built_for_server_gc()
    {
        // The referenced dojo executable's runtime configuration is copied beside the test assembly.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dojo.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
    }

    [Theory]
    [InlineData("src/MLEDojo.Cli/MLEDojo.Cli.csproj")]
    [InlineData("src/MLEDojo.Silo/MLEDojo.Silo.csproj")]
    public void Silo_hosts_ask_for_server_gc_with_its_classic_budgets(string project)
    {
        var document = XDocument.Load(Path.Combine(RepoPaths.Root, project));
        Assert.Equal("true", document.Descendants("ServerGarbageCollection").Single().Value);
        Assert.Equal("0", document.Descendants("GarbageCollectionAdaptationMode").Single().Value);
    }
}

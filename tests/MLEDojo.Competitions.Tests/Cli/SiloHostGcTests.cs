using System.Text.Json;
using System.Xml.Linq;

namespace MLEDojo.Competitions.Tests.Cli;

/// <summary>Both processes that host a silo run server GC (docs/BENCHMARKS.md, "Server GC", has the measurement).</summary>
public sealed class SiloHostGcTests
{
    [Fact]
    public void The_dojo_command_is_built_for_server_gc()
    {
        // The referenced dojo executable's runtime configuration is copied beside the test assembly.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dojo.runtimeconfig.json")));
        Assert.True(config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
    }

    [Theory]
    [InlineData("src/MLEDojo.Cli/MLEDojo.Cli.csproj")]
    [InlineData("src/MLEDojo.Silo/MLEDojo.Silo.csproj")]
    public void Silo_hosts_ask_for_server_gc(string project)
    {
        var setting = XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants("ServerGarbageCollection").Single();
        Assert.Equal("true", setting.Value);
    }
}

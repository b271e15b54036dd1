using System.Collections;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Grid.Tests.Configuration;

public sealed class DojoConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-config-" + Guid.NewGuid().ToString("N"));

    public DojoConfigurationTests() => Directory.CreateDirectory(Path.Combine(_folder, "competitions"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IDictionary NoEnvironment => new Hashtable();

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private string Minimal(string extra = "") => Write($$"""{ "competitionsRoot": "competitions" {{extra}} }""");

    [Fact]
    public void The_repository_config_parses_with_paths_resolved_against_its_folder()
    {
        var options = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "silo.config.json"), [], NoEnvironment);
        Assert.Equal("embedded", options.Profile);
        Assert.Equal(11111, options.SiloPort);
        Assert.Equal(30000, options.GatewayPort);
        Assert.Equal(RepoPaths.CompetitionsRoot, options.CompetitionsRoot);
        Assert.Equal(Path.Combine(RepoPaths.Root, ".dojo", "episodes"), options.EpisodesRoot);
        Assert.Contains(Path.Combine(RepoPaths.Root, ".dojo", "grid.db"), options.Storage.ConnectionString);
        Assert.Equal(2, options.Limits.CpuExecutionSlots);
        Assert.Equal(14400, options.Limits.MaxExecutionTimeoutSeconds);
        Assert.Equal("auto", options.Devices.Gpus);
    }

    [Theory]
    [InlineData(@", ""siloPort"": ""eleven""", "siloPort")]
    [InlineData(@", ""limits"": { ""maxSteps"": 0 }", "limits.maxSteps")]
    [InlineData(@", ""limits"": { ""maxStepz"": 5 }", "maxStepz")]
    [InlineData(@", ""devices"": { ""gpus"": ""fake:x"" }", "devices.gpus")]
    [InlineData(@", ""storage"": { ""provider"": ""postgres"" }", "storage.provider")]
    [InlineData(@", ""profile"": ""cloud""", "profile")]
    [InlineData(@", ""gatewayPort"": 11111", "gatewayPort")]
    public void Bad_values_name_the_offending_key(string extra, string key)
    {
        var error = Assert.Throws<DojoConfigurationException>(() => DojoConfiguration.Load(Minimal(extra), [], NoEnvironment));
        Assert.True(error.Message.Contains(key, StringComparison.OrdinalIgnoreCase), error.Message);
    }

    [Fact]
    public void A_missing_competitions_root_and_broken_json_are_reported()
    {
        var missing = Assert.Throws<DojoConfigurationException>(() =>
            DojoConfiguration.Load(Write("""{ "competitionsRoot": "nowhere" }"""), [], NoEnvironment));
        Assert.Contains("competitionsRoot", missing.Message);
        Assert.Throws<DojoConfigurationException>(() => DojoConfiguration.Load(Write("{ not json"), [], NoEnvironment));
    }

    [Fact]
    public void Environment_variables_override_the_file_and_the_command_line_overrides_both()
    {
        var path = Minimal(@", ""limits"": { ""maxSteps"": 100 }");
        var environment = new Hashtable { ["DOJO_limits__maxSteps"] = "7", ["DOJO_devices__node"] = "gpu-box", ["OTHER"] = "x" };
        var fromEnvironment = DojoConfiguration.Load(path, [], environment);
        Assert.Equal(7, fromEnvironment.Limits.MaxSteps);
        Assert.Equal("gpu-box", fromEnvironment.Devices.Node);

        var fromCommandLine = DojoConfiguration.Load(["--config", path, "--limits:maxSteps", "9"], environment);
        Assert.Equal(9, fromCommandLine.Limits.MaxSteps);
    }

    [Fact]
    public void Client_and_runner_variables_are_not_settings_but_unknown_settings_are_errors()
    {
        var path = Minimal("");
        var clientSide = new Hashtable { ["DOJO_API_KEY"] = "mlk_user_x_y", ["DOJO_GATEWAY"] = "http://127.0.0.1:8080", ["DOJO_DATA_ROOT"] = "/data" };
        Assert.Equal(500, DojoConfiguration.Load(path, [], clientSide).Limits.MaxSteps);

        var misspelt = new Hashtable { ["DOJO_limits__maxStep"] = "7" };
        var e = Assert.Throws<DojoConfigurationException>(() => DojoConfiguration.Load(path, [], misspelt));
        Assert.Contains("maxStep", e.Message);
    }

    [Fact]
    public void Gpus_accept_a_list_fake_devices_and_none()
    {
        Assert.Equal("0,2", DojoConfiguration.Load(Minimal(@", ""devices"": { ""gpus"": [0, 2] }"), [], NoEnvironment).Devices.Gpus);
        Assert.Equal([0, 2], GpuDiscovery.Resolve("0,2"));
        Assert.Equal([0, 1, 2], GpuDiscovery.Resolve("fake:3"));
        Assert.Empty(GpuDiscovery.Resolve("none"));
    }
}

using System.Collections;
using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Grid.Tests.Configuration;

/// <summary>silo.config.json's "sandbox" section, and what the silo runs code with when the sandbox is missing.</summary>
public sealed class SandboxConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-sandbox-config-" + Guid.NewGuid().ToString("N"));

    public SandboxConfigurationTests() => Directory.CreateDirectory(Path.Combine(_folder, "competitions"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DojoSiloOptions Load(string sandbox)
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, $$"""{ "competitionsRoot": "competitions", "sandbox": {{sandbox}} }""");
        return DojoConfiguration.Load(path, [], new Hashtable());
    }

    [Fact]
    public void The_section_maps_to_defaults_maxima_and_per_competition_limits()
    {
        var options = Load("""
            { "memoryMb": 2048, "maxMemoryMb": 8192, "cpus": 1.5, "maxCpus": 2, "maxProcesses": 100, "tmpMb": 64,
              "gpuMemoryMb": 1024, "maxGpuMemoryMb": 4096, "maxOutputDirectoryMb": 10, "maxStreamMb": 2,
              "extraReadOnlyPaths": [ "/opt/venv" ],
              "competitions": { "big-data": { "memoryMb": 6144, "tmpMb": 256 } } }
            """);

        var sandbox = ExecutionLimitsFactory.Sandbox(options);
        var limits = ExecutionLimitsFactory.Create(options);

        Assert.Contains("/opt/venv", sandbox.ReadOnlyPaths);
        Assert.Contains("/etc/alternatives", sandbox.ReadOnlyPaths);
        Assert.Equal(2048L << 20, sandbox.Limits.Resolve("other", RequestedLimits.None).MemoryBytes);
        Assert.Equal(1024L << 20, sandbox.Limits.Resolve("other", RequestedLimits.None).GpuMemoryBytes);
        var big = sandbox.Limits.Resolve("big-data", RequestedLimits.None);
        Assert.Equal((6144L << 20, 256L << 20, 1.5, 100), (big.MemoryBytes, big.TmpBytes, big.Cpus, big.MaxProcesses));
        Assert.Equal(8192L << 20, sandbox.Limits.Resolve("big-data", new RequestedLimits(MemoryBytes: 1L << 40)).MemoryBytes);
        Assert.Equal(10L << 20, limits.Output.MaxBytesWritten);
        Assert.Equal(2L << 20, limits.MaxStreamBytes);
        Assert.Equal(8192, GridOptionsFactory.Create(options).Limits.MaxMemoryMb);
    }

    [Theory]
    [InlineData("""{ "memoryMb": 9000, "maxMemoryMb": 8192 }""", "sandbox.memoryMb")]
    [InlineData("""{ "uid": 0 }""", "sandbox.uid")]
    [InlineData("""{ "cpus": 0 }""", "sandbox.cpus")]
    [InlineData("""{ "maxProcesses": 2 }""", "sandbox.maxProcesses")]
    [InlineData("""{ "gpuMemoryMb": -1 }""", "sandbox.gpuMemoryMb")]
    [InlineData("""{ "competitions": { "x": { "cpus": 1000 } } }""", "sandbox.competitions.x.cpus")]
    [InlineData("""{ "competitions": { "x": { "memoryMb": 4 } } }""", "sandbox.competitions.x.memoryMb")]
    [InlineData("""{ "memoryMegabytes": 4 }""", "memoryMegabytes")]
    public void Bad_values_name_the_offending_key(string sandbox, string key)
    {
        var error = Assert.Throws<DojoConfigurationException>(() => Load(sandbox));
        Assert.True(error.Message.Contains(key, StringComparison.OrdinalIgnoreCase), error.Message);
    }

    [Fact]
    public async Task Without_a_sandbox_the_silo_refuses_to_run_code_and_says_why_loudly()
    {
        var options = Load("""{ "bubblewrap": "/nonexistent/bwrap" }""");
        var log = new ListLogger();

        var runner = await CodeRunnerFactory.CreateAsync(options, log);
        var outcome = await runner.RunAsync(Spec(), CancellationToken.None);

        Assert.IsType<RefusingCodeRunner>(runner);
        Assert.Equal(CodeRunStatus.InfrastructureFailure, outcome.Status);
        Assert.Contains("/nonexistent/bwrap", outcome.Stderr);
        Assert.Contains("sandbox.allowUnisolated", outcome.Stderr);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("refuses to execute code"));
    }

    [Fact]
    public async Task Unisolated_development_mode_must_be_asked_for_and_says_so_at_start_and_in_every_result()
    {
        var options = Load("""{ "bubblewrap": "/nonexistent/bwrap", "allowUnisolated": true }""");
        var log = new ListLogger();

        var runner = await CodeRunnerFactory.CreateAsync(options, log);
        var outcome = await runner.RunAsync(Spec(), CancellationToken.None);

        Assert.IsType<ProcessCodeRunner>(runner);
        Assert.Equal(CodeRunStatus.Success, outcome.Status);
        Assert.StartsWith("UNISOLATED", outcome.Isolation);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("UNISOLATED"));
    }

    [Fact]
    public async Task On_this_machine_the_default_is_the_sandbox()
    {
        var runner = await CodeRunnerFactory.CreateAsync(Load("{}"), new ListLogger());

        var sandbox = Assert.IsType<SandboxedCodeRunner>(runner);
        Assert.Equal("bubblewrap + cgroup v1", sandbox.Description);
    }

    private CodeRunSpec Spec()
    {
        var code = Path.Combine(_folder, "main.py");
        File.WriteAllText(code, "print('ran')");
        return new CodeRunSpec { CodePath = code, WorkingDirectory = _folder, PublicDataDirectory = _folder, Timeout = TimeSpan.FromSeconds(30) };
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
                Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>Ordinary runs through the real sandbox: verdicts, measurements, and runs it must refuse.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxedRunTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Code_that_does_not_compile_is_a_syntax_error_from_a_single_run()
    {
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), "print('a'\n"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.SyntaxError, outcome.Status);
        Assert.Equal("SyntaxError", outcome.ErrorClass);
    }

    [Fact]
    public async Task A_successful_run_reports_cpu_time_and_peak_memory_from_its_cgroup()
    {
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), """
            import time
            data = bytearray(64 << 20)
            end = time.process_time() + 0.3
            while time.process_time() < end:
                pass
            """), CancellationToken.None);

        Assert.True(outcome.Status == CodeRunStatus.Success, outcome.Stderr);
        Assert.InRange(outcome.CpuTime!.Value, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(10));
        Assert.InRange(outcome.PeakMemoryBytes!.Value, 64L << 20, SandboxFixture.MemoryCap);
        Assert.Null(outcome.Traceback);
    }

    [Fact]
    public async Task A_code_error_carries_its_exit_code_class_and_traceback_excerpt()
    {
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), "import json\njson.loads('{')"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.CodeError, outcome.Status);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("json.decoder.JSONDecodeError", outcome.ErrorClass);
        Assert.StartsWith("Traceback (most recent call last):", outcome.Traceback);
    }

    [Fact]
    public async Task Data_the_sandbox_user_cannot_reach_is_refused_naming_the_folder()
    {
        var hidden = Path.Combine(sandbox.Root, "private-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(hidden, "public"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hidden, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = sandbox.Code(sandbox.NewEpisode(), "print('never')") with { PublicDataDirectory = Path.Combine(hidden, "public") };

        var outcome = await sandbox.Runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.InfrastructureFailure, outcome.Status);
        Assert.Contains($"folder '{hidden}' is not traversable", outcome.Stderr);
    }
}

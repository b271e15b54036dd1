using MLEDojo.Execution.Sandbox;

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

    [Fact]
    public async Task The_code_runs_as_the_sandbox_user_with_no_other_group_under_its_file_and_core_limits()
    {
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), """
            import os, resource
            print(os.getuid(), os.geteuid(), os.getgid(), os.getegid(), sorted(set(os.getgroups()) - {os.getgid()}))
            for limit in (resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE, resource.RLIMIT_CORE):
                print(*resource.getrlimit(limit))
            """), CancellationToken.None);

        Assert.True(outcome.Status == CodeRunStatus.Success, outcome.Stderr);
        var lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Inside its user namespace the code sees the sandbox user mapped to itself.
        Assert.Equal($"{SandboxFixture.Options.Uid} {SandboxFixture.Options.Uid} {SandboxFixture.Options.Gid} {SandboxFixture.Options.Gid} []", lines[0]);
        // ulimit -f rounds the output directory cap up to whole 512-byte blocks; soft and hard alike.
        var fileBytes = (SandboxFixture.OutputDirectoryCap + 511) / 512 * 512;
        Assert.Equal($"{fileBytes} {fileBytes}", lines[1]);
        var openFiles = new SandboxLimits().OpenFiles;
        Assert.Equal($"{openFiles} {openFiles}", lines[2]);
        Assert.Equal("0 0", lines[3]);
    }

    [Fact]
    public async Task Every_process_of_the_code_is_in_the_runs_cgroup_from_its_first_instruction()
    {
        // The interpreter's own first read of /proc/self/cgroup: the run's folder under the sandbox's, in every controller.
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), """
            import subprocess
            print(open('/proc/self/cgroup').read())
            print(subprocess.run(['cat', '/proc/self/cgroup'], capture_output=True, text=True).stdout)
            """), CancellationToken.None);

        Assert.True(outcome.Status == CodeRunStatus.Success, outcome.Stderr);
        var lines = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // cgroup v1 has one line per controller (the unified "0::" line is unused there); v2 has only "0::".
        var v1 = lines.Any(line => line.Contains(":memory:", StringComparison.Ordinal));
        var memberships = lines.Where(line => v1
            ? line.Contains(":memory:", StringComparison.Ordinal) || line.Contains(":pids:", StringComparison.Ordinal)
            : line.StartsWith("0::", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, memberships.Count + (v1 ? 0 : 2));
        Assert.All(memberships, line => Assert.Contains($"/{CgroupHierarchy.SandboxFolder}/", line));
    }
}

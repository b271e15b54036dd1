using System.Runtime.Versioning;
using System.Text.Json;
using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

public sealed class ProcessCodeRunnerTests : IDisposable
{
    private readonly Scratch _scratch = new();
    private readonly ProcessCodeRunner _runner = new(Scratch.Limits);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Successful_code_reads_public_data_prints_and_writes_its_submission_to_the_working_directory()
    {
        File.WriteAllText(Path.Combine(_scratch.DataDirectory, "train.csv"), "id,value\n1,10\n2,20\n");
        var spec = _scratch.Code("""
            import csv, os
            with open(os.path.join(os.environ['DOJO_DATA_DIR'], 'train.csv')) as train:
                rows = list(csv.DictReader(train))
            print(f'rows={len(rows)}')
            with open('submission.csv', 'w') as submission:
                submission.write('id,value\n' + ''.join(f"{r['id']},{int(r['value']) * 2}\n" for r in rows))
            """);

        var outcome = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.Success, outcome.Status);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("rows=2\n", outcome.Stdout);
        Assert.Equal("", outcome.Stderr);
        Assert.Null(outcome.ErrorClass);
        Assert.Equal("id,value\n1,20\n2,40\n", File.ReadAllText(_scratch.InWork("submission.csv")));
        Assert.True(outcome.Duration > TimeSpan.Zero);
        Assert.True(outcome.FinishedAt >= outcome.StartedAt);
    }

    [Fact]
    public async Task Uncaught_exception_is_a_code_error_named_by_the_traceback()
    {
        var spec = _scratch.Code("""
            features = {}
            features['x']
            """);

        var outcome = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.CodeError, outcome.Status);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("KeyError", outcome.ErrorClass);
        Assert.Contains("KeyError: 'x'", outcome.Stderr);
    }

    [Fact]
    public async Task Running_code_that_does_not_compile_is_a_syntax_error()
    {
        var outcome = await _runner.RunAsync(_scratch.Code("print('a'\n"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.SyntaxError, outcome.Status);
        Assert.Equal("SyntaxError", outcome.ErrorClass);
        Assert.Contains("line 1", outcome.Stderr);
    }

    [Fact]
    public async Task Nonzero_exit_without_a_traceback_is_a_code_error_without_a_class()
    {
        var outcome = await _runner.RunAsync(_scratch.Code("import sys; sys.exit(3)"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.CodeError, outcome.Status);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Null(outcome.ErrorClass);
    }

    [Fact]
    public async Task MemoryError_is_out_of_memory()
    {
        var outcome = await _runner.RunAsync(_scratch.Code("buffer = bytearray(1 << 60)"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.OutOfMemory, outcome.Status);
        Assert.Equal("MemoryError", outcome.ErrorClass);
        Assert.Contains("MemoryError", outcome.Traceback);
        Assert.StartsWith("UNISOLATED", outcome.Isolation);
    }

    [Fact]
    public async Task Code_sees_only_the_scrubbed_environment()
    {
        var secretName = $"DOJO_TEST_SECRET_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(secretName, "hunter2");
        try
        {
            var spec = _scratch.Code(
                "import json, os; print(json.dumps(dict(os.environ)))",
                environment: new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "0" });

            var outcome = await _runner.RunAsync(spec, CancellationToken.None);

            Assert.Equal(CodeRunStatus.Success, outcome.Status);
            Assert.DoesNotContain("hunter2", outcome.Stdout);
            var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(outcome.Stdout)!;
            Assert.Equal(
                ["CUDA_VISIBLE_DEVICES", "DOJO_DATA_DIR", "DOJO_OUTPUT_DIR", "DOJO_RUN_ID", "HOME", "LANG", "MPLBACKEND",
                    "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"],
                seen.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(_scratch.WorkingDirectory, seen["HOME"]);
            Assert.Equal(_scratch.WorkingDirectory, seen["DOJO_OUTPUT_DIR"]);
            Assert.Equal(_scratch.DataDirectory, seen["DOJO_DATA_DIR"]);
            Assert.Equal("/usr/local/bin:/usr/bin:/bin", seen["PATH"]);
            Assert.Equal("0", seen["CUDA_VISIBLE_DEVICES"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretName, null);
        }
    }

    [Fact]
    public async Task Missing_interpreter_is_a_start_failure_that_names_it()
    {
        var runner = new ProcessCodeRunner(Scratch.Limits with { Python = "/nonexistent/python3" });
        var spec = _scratch.Code("print('never')");

        var run = await runner.RunAsync(spec, CancellationToken.None);
        var check = await runner.CheckSyntaxAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.InfrastructureFailure, run.Status);
        Assert.Contains("/nonexistent/python3", run.Stderr);
        Assert.Equal(CodeRunStatus.InfrastructureFailure, check.Status);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Interpreter_that_cannot_be_executed_is_a_start_failure()
    {
        var notExecutable = _scratch.InWork("python3");
        File.WriteAllText(notExecutable, "not a program");
        File.SetUnixFileMode(notExecutable, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var runner = new ProcessCodeRunner(Scratch.Limits with { Python = notExecutable });

        var outcome = await runner.RunAsync(_scratch.Code("print('never')"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.InfrastructureFailure, outcome.Status);
        Assert.Contains(notExecutable, outcome.Stderr);
    }

    [Fact]
    public async Task Missing_code_file_is_a_start_failure()
    {
        var spec = _scratch.Code("print('never')") with { CodePath = "absent.py" };

        var outcome = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(CodeRunStatus.InfrastructureFailure, outcome.Status);
        Assert.Contains("absent.py", outcome.Stderr);
    }
}

using System.Diagnostics;
using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

/// <summary>Nothing outlives an execution: timeouts, cancellation, and what the code left running.</summary>
public sealed class ProcessLifetimeTests : IDisposable
{
    /// <summary>
    /// Starts a child (sleep) and a double-forked setsid daemon that appends to a heartbeat file and keeps the
    /// inherited stdout open; publishes both pids; then ends as the placeholder says.
    /// </summary>
    private const string LeavesProcessesBehind = """
        import os, subprocess, time

        def publish(name, pid):
            with open(name + '.tmp', 'w') as f:
                f.write(str(pid))
            os.rename(name + '.tmp', name)

        child = subprocess.Popen(['sleep', '60'])
        publish('child.pid', child.pid)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                publish('daemon.pid', os.getpid())
                while True:
                    with open('heartbeat', 'a') as beat:
                        beat.write('.')
                    time.sleep(0.02)
            os._exit(0)
        while not os.path.exists('daemon.pid'):
            time.sleep(0.01)
        print('started', flush=True)
        {ENDING}
        """;

    private readonly Scratch _scratch = new();
    private readonly ProcessCodeRunner _runner = new(Scratch.Limits);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Code_that_outlives_the_timeout_is_killed_and_reported_as_timeout()
    {
        var clock = Stopwatch.StartNew();

        var outcome = await _runner.RunAsync(_scratch.Code("import time; time.sleep(60)", TimeSpan.FromSeconds(1)), CancellationToken.None);

        Assert.Equal(CodeRunStatus.Timeout, outcome.Status);
        Assert.Null(outcome.ExitCode);
        Assert.InRange(outcome.Duration, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("pass", CodeRunStatus.Success)]
    [InlineData("time.sleep(60)", CodeRunStatus.Timeout)]
    public async Task Children_and_daemons_die_with_the_run(string ending, CodeRunStatus expected)
    {
        var spec = _scratch.Code(LeavesProcessesBehind.Replace("{ENDING}", ending), TimeSpan.FromSeconds(3));

        var outcome = await _runner.RunAsync(spec, CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal("started\n", outcome.Stdout);
        // The daemon holds stdout open; the run must not wait for it until the timeout.
        if (expected == CodeRunStatus.Success)
            Assert.True(outcome.Duration < TimeSpan.FromSeconds(2.5), $"took {outcome.Duration}");
        await AssertAllDeadAsync();
    }

    [Fact]
    public async Task Caller_cancellation_kills_the_tree_and_is_reported_as_cancelled()
    {
        var spec = _scratch.Code(LeavesProcessesBehind.Replace("{ENDING}", "time.sleep(60)"), TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var run = _runner.RunAsync(spec, cancellation.Token);
        await ProcessProbe.ReadPidAsync(_scratch.InWork("daemon.pid"));
        await cancellation.CancelAsync();
        var outcome = await run;

        Assert.Equal(CodeRunStatus.Cancelled, outcome.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        await AssertAllDeadAsync();
    }

    [Fact]
    public async Task Already_cancelled_run_does_not_start()
    {
        var outcome = await _runner.RunAsync(_scratch.Code("open('ran.txt', 'w')"), new CancellationToken(canceled: true));

        Assert.Equal(CodeRunStatus.Cancelled, outcome.Status);
        Assert.False(File.Exists(_scratch.InWork("ran.txt")));
    }

    private async Task AssertAllDeadAsync()
    {
        var child = await ProcessProbe.ReadPidAsync(_scratch.InWork("child.pid"));
        var daemon = await ProcessProbe.ReadPidAsync(_scratch.InWork("daemon.pid"));
        Assert.False(ProcessProbe.IsAlive(child), $"child {child} survived");
        Assert.False(ProcessProbe.IsAlive(daemon), $"daemon {daemon} survived");

        var heartbeat = _scratch.InWork("heartbeat");
        var before = ProcessProbe.SizeOf(heartbeat);
        await Task.Delay(300);
        Assert.Equal(before, ProcessProbe.SizeOf(heartbeat));
    }
}

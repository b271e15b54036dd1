using System.Diagnostics;

namespace MLEDojo.Execution.Tests;

/// <summary>
/// bwrap's --die-with-parent is PR_SET_PDEATHSIG, which fires when the parent <em>thread</em> exits. A child that
/// armed it and was forked from a thread that then ends is killed; one forked by <see cref="ProcessSpawner"/> is not.
/// </summary>
public sealed class ProcessSpawnerTests
{
    /// <summary>Arms PDEATHSIG = SIGKILL (prctl option 1), says so, then works for a second and exits 0.</summary>
    private const string ArmsParentDeathSignal = "import ctypes, time\nctypes.CDLL(None).prctl(1, 9)\nprint('armed', flush=True)\ntime.sleep(1)\n";

    [Fact]
    public void A_child_forked_from_a_thread_that_exits_is_killed_with_it()
    {
        var child = StartFromShortLivedThread(StartArmed);

        Assert.True(child.WaitForExit(10_000));
        Assert.Equal(137, child.ExitCode);
    }

    [Fact]
    public async Task A_child_started_through_the_spawner_outlives_the_thread_that_asked_for_it()
    {
        var child = await StartFromShortLivedThread(() => ProcessSpawner.StartAsync(StartArmed));

        Assert.True(child.WaitForExit(10_000));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task Every_start_runs_on_the_one_spawner_thread_and_errors_come_back_to_the_caller()
    {
        var threads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ProcessSpawner.StartAsync(() => Thread.CurrentThread))));

        var spawner = Assert.Single(threads.Distinct());
        Assert.False(spawner.IsThreadPoolThread);
        Assert.Equal("dojo process spawner", spawner.Name);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessSpawner.StartAsync<int>(() => throw new InvalidOperationException("no such program")));
        Assert.Equal("no such program", error.Message);
    }

    private static Process StartArmed()
    {
        var child = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", ArmsParentDeathSignal]) { RedirectStandardOutput = true })!;
        // Only once the child has armed the signal may the starting thread end, or there is nothing to observe.
        Assert.Equal("armed", child.StandardOutput.ReadLine());
        return child;
    }

    private static T StartFromShortLivedThread<T>(Func<T> start)
    {
        T result = default!;
        var thread = new Thread(() => result = start());
        thread.Start();
        thread.Join();
        return result;
    }
}

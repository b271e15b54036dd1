using System.Collections.Concurrent;

namespace MLEDojo.Execution;

/// <summary>
/// Starts every child process from one dedicated thread that lives as long as the silo. The sandbox runs bwrap with
/// <c>--die-with-parent</c>, which rests on PR_SET_PDEATHSIG, and Linux sends that signal when the parent
/// <em>thread</em> exits, not the parent process: a process forked from a thread-pool thread is SIGKILLed whenever
/// the pool retires that thread, which under load can be milliseconds after the start (seen as runs ending with exit
/// code 137 before the code ran). Forking from a thread that never exits keeps the signal for what it is meant for:
/// the silo process dying.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<Action> Work = new();

    static ProcessSpawner()
    {
        var thread = new Thread(() =>
        {
            foreach (var start in Work.GetConsumingEnumerable())
                start();
        })
        {
            IsBackground = true,
            Name = "dojo process spawner",
        };
        thread.Start();
    }

    /// <summary>Runs <paramref name="start"/> (which forks) on the spawner thread; its exception, if any, comes back here.</summary>
    public static Task<T> StartAsync<T>(Func<T> start)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                result.SetResult(start());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }
}

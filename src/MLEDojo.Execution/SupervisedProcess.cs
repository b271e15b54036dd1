using System.Diagnostics;
using CliWrap;

namespace MLEDojo.Execution;

/// <summary>
/// Runs one process to its end, its timeout, cancellation or a guard's breach, capturing capped output, and then
/// kills every process of the run (<see cref="IProcessTree"/>): nothing outlives an execution, whichever way it ended.
/// </summary>
internal static class SupervisedProcess
{
    public static async Task<ProcessEnding> RunAsync(ProcessLaunch launch, IProcessTree tree, IReadOnlyList<IRunGuard> guards,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        LimitBreach? breach = null;
        if (cancellationToken.IsCancellationRequested)
            return Ending(ProcessEndReason.Cancelled);

        using var breached = new CancellationTokenSource();
        void Trip(LimitBreach found)
        {
            if (Interlocked.CompareExchange(ref breach, found, null) is null)
                breached.Cancel();
        }

        var stdout = new CappedOutput(launch.MaxCapturedBytes, launch.MaxStreamBytes, () => Trip(StreamBreach("stdout", launch.MaxStreamBytes)));
        var stderr = new CappedOutput(launch.MaxCapturedBytes, launch.MaxStreamBytes, () => Trip(StreamBreach("stderr", launch.MaxStreamBytes)));
        using var timeout = new CancellationTokenSource(launch.Timeout);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, breached.Token);
        // CliWrap stops reading the output pipes the moment its token is cancelled, dropping what the code wrote just
        // before a kill. So the tree kill below ends the processes, the pipes drain to their end, and CliWrap is
        // cancelled only a moment later: a process that escaped the tree and holds a pipe cannot hold the run longer.
        using var abandon = new CancellationTokenSource();
        using var abandonAfterKill = kill.Token.Register(() => abandon.CancelAfter(PipeDrainGrace));

        var command = Cli.Wrap(launch.FileName)
            .WithArguments(launch.Arguments)
            .WithWorkingDirectory(launch.WorkingDirectory)
            .WithEnvironmentVariables(EnvironmentFor(launch, tree))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Create(stdout.ReadFromAsync))
            .WithStandardErrorPipe(PipeTarget.Create(stderr.ReadFromAsync));
        if (launch.UserName is { } user)
            command = command.WithCredentials(credentials => credentials.SetUserName(user));

        CommandTask<CommandResult> execution;
        try
        {
            execution = await ProcessSpawner.StartAsync(() => Start(command, launch.Admission, abandon.Token)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Ending(ProcessEndReason.FailedToStart, stderrText: $"Could not start '{launch.FileName}' in '{launch.WorkingDirectory}': {e.Message}");
        }

        if (launch.Admission is { } admission)
        {
            try
            {
                await admission.AdmitAsync(execution.ProcessId, kill.Token).ConfigureAwait(false);
            }
            catch (ProcessNotAdmitted refused)
            {
                await kill.CancelAsync().ConfigureAwait(false);
                await tree.KillAllAsync().ConfigureAwait(false);
                await Ended(execution).ConfigureAwait(false);
                return Ending(ProcessEndReason.FailedToStart, stderrText: refused.Message);
            }
            catch (OperationCanceledException) when (kill.IsCancellationRequested)
            {
                // Timeout or cancellation while it waited: CliWrap kills it, and the code below says which.
            }
        }

        ProcessEndReason reason;
        int? exitCode = null;
        TimeSpan duration;
        IReadOnlyList<int> survivors;
        using var stopGuards = new CancellationTokenSource();
        var watching = guards.Select(guard => WatchAsync(guard, Trip, stopGuards.Token)).ToArray();
        try
        {
            var ended = await Task.WhenAny(execution.Task, WaitForExitOrKillAsync(execution.ProcessId, kill.Token)).ConfigureAwait(false);
            var killed = kill.IsCancellationRequested;
            if (ended != execution.Task && !killed)
            {
                // /proc showed the exit before .NET reaped the process: a moment for the reaping, so that the tree kill
                // below finds the cgroup empty rather than freezing and polling around a zombie.
                await Task.WhenAny(execution.Task, Task.Delay(ReapGrace, CancellationToken.None)).ConfigureAwait(false);
            }
            // Daemons that kept the output pipes open would hold the command open until the timeout, so the
            // leftovers are killed as soon as the main process is gone (or, on timeout and cancellation, with it).
            await tree.KillAllAsync().ConfigureAwait(false);
            try
            {
                var result = await execution.ConfigureAwait(false);
                if (!killed)
                    exitCode = result.ExitCode;
            }
            // CliWrap throws TimeoutException when a cancelled process outlives its kill; the sweep deals with it.
            catch (Exception e) when (e is OperationCanceledException || kill.IsCancellationRequested)
            {
                killed = true;
            }
            reason = !killed ? ProcessEndReason.Exited
                : cancellationToken.IsCancellationRequested ? ProcessEndReason.Cancelled
                : breached.IsCancellationRequested ? ProcessEndReason.LimitBreached
                : ProcessEndReason.TimedOut;
            duration = clock.Elapsed;
        }
        finally
        {
            await stopGuards.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watching).ConfigureAwait(false);
            // Always, whatever happened above: also anything forked while the pipes drained.
            survivors = await tree.KillAllAsync().ConfigureAwait(false);
        }

        // A breach found as the process was exiting anyway still decides the verdict: the cap was exceeded.
        if (breach is not null && reason == ProcessEndReason.Exited)
            reason = ProcessEndReason.LimitBreached;
        var stderrText = stderr.Decode();
        if (survivors.Count > 0)
            stderrText += $"\n[dojo] {survivors.Count} process(es) of this run survived SIGKILL: {string.Join(", ", survivors)}\n";
        return Ending(reason, exitCode, stdout.Decode(), stderrText, duration);

        ProcessEnding Ending(ProcessEndReason endReason, int? code = null, string stdoutText = "", string stderrText = "", TimeSpan? elapsed = null) => new()
        {
            Reason = endReason,
            ExitCode = code,
            Breach = endReason == ProcessEndReason.LimitBreached ? breach : null,
            Stdout = stdoutText,
            Stderr = stderrText,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            Duration = elapsed ?? clock.Elapsed,
        };
    }

    /// <summary>Starts the command, opening and closing around the fork what the admission hands to the process.</summary>
    private static CommandTask<CommandResult> Start(Command command, IProcessAdmission? admission, CancellationToken kill)
    {
        admission?.BeforeStart();
        try
        {
            return command.ExecuteAsync(kill);
        }
        finally
        {
            admission?.AfterStart();
        }
    }

    private static async Task Ended(CommandTask<CommandResult> execution)
    {
        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Killed on the way out: the tree kill has already dealt with it.
        }
    }

    private static LimitBreach StreamBreach(string stream, long maxBytes) => new(CodeRunStatus.OutputTooLarge, "OutputTooLarge",
        $"The code wrote more than {maxBytes} bytes to {stream}; it was stopped there. Print less (log to a file in the output directory).");

    private static async Task WatchAsync(IRunGuard guard, Action<LimitBreach> trip, CancellationToken stop)
    {
        try
        {
            if (await guard.WatchAsync(stop).ConfigureAwait(false) is { } found)
                trip(found);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended first.
        }
        catch (Exception e)
        {
            // A cap that can no longer be watched is not enforced: stop the run rather than let it go unchecked.
            trip(new LimitBreach(CodeRunStatus.InfrastructureFailure, "GuardFailed", $"A resource watcher failed ({guard.GetType().Name}): {e.Message}"));
        }
    }

    private static Dictionary<string, string?> EnvironmentFor(ProcessLaunch launch, IProcessTree tree)
    {
        // CliWrap starts from this process's environment; a null value removes an inherited variable.
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
            variables[name] = null;
        foreach (var (name, value) in launch.Environment)
            variables[name] = value;
        foreach (var (name, value) in tree.MarkerVariables)
            variables[name] = value;
        return variables;
    }

    /// <summary>
    /// Completes when the process has exited (a zombie, or reaped) or on <paramref name="kill"/>. Polls /proc rather
    /// than asking .NET for a Process by id: that object can report a live child as gone, and a false "exited" here
    /// would kill the run's tree while it is still working.
    /// </summary>
    private static async Task WaitForExitOrKillAsync(int processId, CancellationToken kill)
    {
        try
        {
            while (ProcessState.IsRunning(processId))
                await Task.Delay(PollInterval, kill).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Timeout, cancellation or a breach: the caller kills it now.
        }
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ReapGrace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PipeDrainGrace = TimeSpan.FromSeconds(1);
}

using System.Diagnostics;
using CliWrap;

namespace MLEDojo.Execution;

/// <summary>
/// Runs one process to its end, its timeout or cancellation, capturing capped output, and then kills every
/// process the run left behind: nothing outlives an execution, whichever way it ended.
/// </summary>
internal static class SupervisedProcess
{
    public static async Task<ProcessEnding> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (cancellationToken.IsCancellationRequested)
            return Ending(ProcessEndReason.Cancelled);

        var marker = new RunMarker();
        var stdout = new CappedOutput(launch.MaxCapturedBytes);
        var stderr = new CappedOutput(launch.MaxCapturedBytes);
        using var timeout = new CancellationTokenSource(launch.Timeout);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        var command = Cli.Wrap(launch.FileName)
            .WithArguments(launch.Arguments)
            .WithWorkingDirectory(launch.WorkingDirectory)
            .WithEnvironmentVariables(EnvironmentFor(launch, marker))
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.Create(stdout.ReadFromAsync))
            .WithStandardErrorPipe(PipeTarget.Create(stderr.ReadFromAsync));

        CommandTask<CommandResult> execution;
        try
        {
            execution = command.ExecuteAsync(kill.Token);
        }
        catch (Exception e)
        {
            return Ending(ProcessEndReason.FailedToStart, stderrText: $"Could not start '{launch.FileName}' in '{launch.WorkingDirectory}': {e.Message}");
        }

        ProcessEndReason reason;
        int? exitCode = null;
        TimeSpan duration;
        IReadOnlyList<int> survivors;
        try
        {
            await Task.WhenAny(execution.Task, WaitForExitOrKillAsync(execution.ProcessId, kill.Token)).ConfigureAwait(false);
            // Daemons that kept the output pipes open would hold the command open until the timeout, so the
            // leftovers are killed as soon as the main process is gone (or, on timeout and cancellation, with it).
            await marker.KillAllAsync().ConfigureAwait(false);
            try
            {
                exitCode = (await execution.ConfigureAwait(false)).ExitCode;
                reason = ProcessEndReason.Exited;
            }
            // CliWrap throws TimeoutException when a cancelled process outlives its kill; the sweep deals with it.
            catch (Exception e) when (e is OperationCanceledException || kill.IsCancellationRequested)
            {
                reason = cancellationToken.IsCancellationRequested ? ProcessEndReason.Cancelled : ProcessEndReason.TimedOut;
            }
            duration = clock.Elapsed;
        }
        finally
        {
            // Always, whatever happened above: also anything forked while the pipes drained.
            survivors = await marker.KillAllAsync().ConfigureAwait(false);
        }

        var stderrText = stderr.Decode();
        if (survivors.Count > 0)
            stderrText += $"\n[dojo] {survivors.Count} process(es) of this run survived SIGKILL: {string.Join(", ", survivors)}\n";
        return Ending(reason, exitCode, stdout.Decode(), stderrText, duration);

        ProcessEnding Ending(ProcessEndReason endReason, int? code = null, string stdoutText = "", string stderrText = "", TimeSpan? elapsed = null) => new()
        {
            Reason = endReason,
            ExitCode = code,
            Stdout = stdoutText,
            Stderr = stderrText,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            Duration = elapsed ?? clock.Elapsed,
        };
    }

    private static Dictionary<string, string?> EnvironmentFor(ProcessLaunch launch, RunMarker marker)
    {
        // CliWrap starts from this process's environment; a null value removes an inherited variable.
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
            variables[name] = null;
        foreach (var (name, value) in launch.Environment)
            variables[name] = value;
        variables[RunMarker.VariableName] = marker.Value;
        return variables;
    }

    private static async Task WaitForExitOrKillAsync(int processId, CancellationToken kill)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            await process.WaitForExitAsync(kill).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // Already exited and reaped.
        }
        catch (OperationCanceledException)
        {
            // Timeout or cancellation: the caller kills it now.
        }
    }
}

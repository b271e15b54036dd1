using MLEDojo.Abstractions;
using MLEDojo.Execution;

namespace MLEDojo.Grains.Execution;

/// <summary>One execution through an <see cref="ICodeRunner"/> (a syntax error is one of its outcomes), as an <see cref="ExecutionResult"/>.</summary>
internal static class CodeExecution
{
    public static async Task<ExecutionResult> RunAsync(ICodeRunner runner, ExecutionRequest request,
        IReadOnlyDictionary<string, string> environment, int? gpuIndex, string device, int queuePosition, TimeSpan queueWait,
        CancellationToken cancellationToken)
    {
        var spec = new CodeRunSpec
        {
            CodePath = request.CodePath,
            WorkingDirectory = request.WorkingDirectory,
            PublicDataDirectory = request.PublicDataDirectory,
            Timeout = request.Timeout,
            Environment = environment,
            Competition = request.Competition,
            Requested = new RequestedLimits(request.MemoryMb * Mebibyte, request.Cpus, request.GpuMemoryMb * Mebibyte),
            GpuIndex = gpuIndex,
        };
        // One interpreter start per execution: code that does not compile never runs, and the runner classifies it
        // as a syntax error from Python's own report (no separate check, which would start a second sandbox).
        // The runner is asynchronous end to end, but Task.Run guarantees its synchronous prologue (process start,
        // file checks) never runs on a grain's scheduler.
        var outcome = await Task.Run(() => runner.RunAsync(spec, cancellationToken), cancellationToken);
        return new ExecutionResult
        {
            Status = StatusOf(outcome.Status),
            ExitCode = outcome.ExitCode,
            Stdout = outcome.Stdout,
            Stderr = outcome.Stderr,
            Duration = outcome.Duration,
            ErrorClass = outcome.ErrorClass ?? (outcome.Status == CodeRunStatus.Cancelled ? "Cancelled" : null),
            QueuePosition = queuePosition,
            QueueWait = queueWait,
            Device = device,
            StartedAt = outcome.StartedAt,
            FinishedAt = outcome.FinishedAt,
            Traceback = outcome.Traceback,
            CpuTime = outcome.CpuTime,
            PeakMemoryBytes = outcome.PeakMemoryBytes,
            PeakGpuMemoryBytes = outcome.PeakGpuMemoryBytes,
            Isolation = outcome.Isolation,
        };
    }

    private const long Mebibyte = 1024 * 1024;

    private static ExecutionStatus StatusOf(CodeRunStatus status) => status switch
    {
        CodeRunStatus.Success => ExecutionStatus.Success,
        CodeRunStatus.SyntaxError => ExecutionStatus.SyntaxError,
        CodeRunStatus.CodeError => ExecutionStatus.CodeError,
        CodeRunStatus.Timeout => ExecutionStatus.Timeout,
        CodeRunStatus.ResourceExceeded => ExecutionStatus.ResourceExceeded,
        CodeRunStatus.OutOfMemory => ExecutionStatus.OutOfMemory,
        CodeRunStatus.GpuOutOfMemory => ExecutionStatus.GpuOutOfMemory,
        CodeRunStatus.OutputTooLarge => ExecutionStatus.OutputTooLarge,
        _ => ExecutionStatus.InfrastructureError,
    };
}

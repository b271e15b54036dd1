using MLEDojo.Abstractions;
using MLEDojo.Execution;
using MLEDojo.Grains.Metrics;
using Orleans.Runtime;

namespace MLEDojo.Grains.Execution;

/// <summary>
/// Silo-local: runs CPU executions through the local <see cref="ICodeRunner"/>, at most
/// <see cref="GridLimits.CpuExecutionSlots"/> at a time, first come first served. Runs happen on the thread pool;
/// the calling grain only awaits.
/// </summary>
public sealed class CpuExecutionService
{
    private readonly ICodeRunner _runner;
    private readonly GridMetrics _metrics;
    private readonly FifoGate _queue;

    public CpuExecutionService(ICodeRunner runner, GridOptions options, ILocalSiloDetails silo, GridMetrics metrics)
    {
        _runner = runner;
        _metrics = metrics;
        _queue = new FifoGate(options.Limits.CpuExecutionSlots);
        Device = "cpu@" + silo.SiloAddress;
        metrics.Watch(Device, _queue);
    }

    public string Device { get; }

    /// <summary>Executions running and waiting for a slot on this silo now.</summary>
    public (int Running, int Queued) Load => (_queue.Running, _queue.Queued);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        using var slot = await _queue.EnterAsync(cancellationToken);
        var result = await CodeExecution.RunAsync(_runner, request, new Dictionary<string, string>(), gpuIndex: null, Device, slot.PositionAtArrival, slot.Waited, cancellationToken);
        _metrics.Executed("cpu", result);
        return result;
    }
}

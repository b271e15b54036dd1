using MLEDojo.Abstractions;
using MLEDojo.Execution;
using Orleans.Runtime;

namespace MLEDojo.Grains.Execution;

/// <summary>
/// Silo-local: runs CPU executions through the local <see cref="ICodeRunner"/>, at most
/// <see cref="GridLimits.CpuExecutionSlots"/> at a time, first come first served. Runs happen on the thread pool;
/// the calling grain only awaits.
/// </summary>
public sealed class CpuExecutionService(ICodeRunner runner, GridOptions options, ILocalSiloDetails silo)
{
    private readonly FifoGate _queue = new(options.Limits.CpuExecutionSlots);

    public string Device => "cpu@" + silo.SiloAddress;

    /// <summary>Executions running and waiting for a slot on this silo now.</summary>
    public (int Running, int Queued) Load => (_queue.Running, _queue.Queued);

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        using var slot = await _queue.EnterAsync(cancellationToken);
        return await CodeExecution.RunAsync(runner, request, new Dictionary<string, string>(), Device, slot.PositionAtArrival, slot.Waited, cancellationToken);
    }
}

using System.Globalization;
using MLEDojo.Abstractions;
using MLEDojo.Execution;
using MLEDojo.Grains.Metrics;
using MLEDojo.Grains.Execution;
using Orleans.Concurrency;
using Orleans.Placement;

namespace MLEDojo.Grains.Devices;

/// <summary>
/// One GPU (key "node/index"), always on its node's silo. Reentrant so that <see cref="GetStatus"/> answers while
/// an hour-long execution runs; executions themselves pass through a one-slot FIFO queue, so they never overlap
/// and start in arrival order. The code runs through the silo's <see cref="ICodeRunner"/> with only this GPU
/// visible (CUDA_VISIBLE_DEVICES).
/// </summary>
[Reentrant, Immovable, GpuDevicePlacement]
public sealed class GpuDeviceGrain(ICodeRunner runner, GridOptions options, GridMetrics metrics) : Grain, IGpuDeviceGrain
{
    private readonly FifoGate _queue = new(capacity: 1);
    private GpuDeviceKey _key;
    private string? _runningEpisode;
    private long _completed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GpuDeviceKey.Parse(this.GetPrimaryKeyString());
        // Placement matched the node; this checks the device itself exists there (defence against a stale key).
        if (_key.Node != options.NodeId || !options.GpuIndices.Contains(_key.Index))
            throw new InvalidOperationException(
                $"GPU device '{_key}' does not exist: node '{options.NodeId}' has GPUs [{string.Join(", ", options.GpuIndices)}].");
        metrics.Watch(_key.ToString(), _queue);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Forget(_key.ToString());
        return Task.CompletedTask;
    }

    public async Task<ExecutionResult> Execute(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        using var slot = await _queue.EnterAsync(cancellationToken);
        _runningEpisode = request.EpisodeId;
        try
        {
            var environment = new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = _key.Index.ToString(CultureInfo.InvariantCulture) };
            var result = await CodeExecution.RunAsync(runner, request, environment, _key.Index, _key.ToString(), slot.PositionAtArrival, slot.Waited, cancellationToken);
            metrics.Executed("gpu", result);
            return result;
        }
        finally
        {
            _runningEpisode = null;
            _completed++;
        }
    }

    public Task<DeviceStatus> GetStatus() => Task.FromResult(new DeviceStatus
    {
        Device = _key.ToString(),
        Queued = _queue.Queued,
        RunningEpisode = _runningEpisode,
        Completed = _completed,
        SiloNode = options.NodeId,
    });
}

using MLEDojo.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Whether the grid can take a new episode. Two bounds: the code-running steps this gateway process has in flight,
/// and the silos' own execution queues (<see cref="IGridLoadGrain"/>: CPU executions waiting per slot, and the
/// shortest GPU device queue), which count work from every gateway and client. Past either, new episodes are refused
/// (they would only add to the queues) while existing ones go on. The grid's load is read at most once a second.
/// </summary>
public sealed class ExecutionBackPressure(IGrainFactory grains, IOptions<DojoGatewayOptions> options, TimeProvider time, ILogger<ExecutionBackPressure> logger)
{
    private static readonly TimeSpan LoadRefresh = TimeSpan.FromSeconds(1);
    private readonly DojoGatewayOptions _options = options.Value;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private GridLoad? _load;
    private DateTimeOffset _loadReadAt = DateTimeOffset.MinValue;
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task<T> RunAsync<T>(Func<Task<T>> execution)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await execution();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Why a new episode of <paramref name="resourceClass"/> cannot start now, or null.</summary>
    public async Task<string?> RefusalAsync(ResourceClass resourceClass)
    {
        if (InFlight >= _options.MaxInFlightExecutions)
            return $"The grid is at capacity ({InFlight} executions in flight through this gateway); no new episodes for now.";
        if (await LoadAsync() is not { } load) return null;
        if (resourceClass == ResourceClass.Cpu && load.CpuSlots > 0 && load.CpuQueued > load.CpuSlots * _options.MaxQueuedExecutionsPerCpuSlot)
            return $"The grid is at capacity: its CPU execution queues hold {load.CpuQueued} waiting executions for {load.CpuSlots} slots; no new episodes for now.";
        var gpus = load.Gpus.ToArray();
        if (resourceClass == ResourceClass.Gpu && gpus.Length > 0 && gpus.Min(g => g.Queued) >= _options.MaxQueuedExecutionsPerGpu)
            return $"The grid is at capacity: every GPU has at least {gpus.Min(g => g.Queued)} executions queued; no new GPU episodes for now.";
        return null;
    }

    /// <summary>The grid's load, read again when older than a second; null when it cannot be read (then only this gateway's own bound applies).</summary>
    private async Task<GridLoad?> LoadAsync()
    {
        if (time.GetUtcNow() - _loadReadAt < LoadRefresh) return _load;
        await _refreshing.WaitAsync();
        try
        {
            if (time.GetUtcNow() - _loadReadAt >= LoadRefresh)
            {
                try
                {
                    _load = await grains.GetGrain<IGridLoadGrain>("grid").Get();
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    logger.LogWarning(e, "Reading the grid's execution queues failed");
                    _load = null;
                }
                _loadReadAt = time.GetUtcNow();
            }
            return _load;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}

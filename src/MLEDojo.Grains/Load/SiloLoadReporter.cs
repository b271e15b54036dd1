using MLEDojo.Abstractions;
using MLEDojo.Grains.Devices;
using MLEDojo.Grains.Execution;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace MLEDojo.Grains.Load;

/// <summary>
/// Reports this silo's real execution queues (its CPU gate and the GPUs of its node) to <see cref="IGridLoadGrain"/>
/// every <see cref="Period"/> while the silo is active, so gateways refuse new episodes when the grid itself is backed
/// up, whoever sent the work.
/// </summary>
public sealed class SiloLoadReporter(IGrainFactory grains, CpuExecutionService cpu, GridOptions options, ILocalSiloDetails silo, ILogger<SiloLoadReporter> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLoadReporter), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var gpus = await Task.WhenAll(options.GpuIndices.Select(index =>
                    grains.GetGrain<IGpuDeviceGrain>(new GpuDeviceKey(options.NodeId, index).ToString()).GetStatus()));
                var (running, queued) = cpu.Load;
                await grains.GetGrain<IGridLoadGrain>("grid").Report(new SiloLoad
                {
                    Silo = silo.SiloAddress.ToString(),
                    CpuSlots = options.Limits.CpuExecutionSlots,
                    CpuRunning = running,
                    CpuQueued = queued,
                    Gpus = gpus,
                    At = DateTimeOffset.UtcNow,
                });
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                // A missed report only ages this silo's entry; the next one replaces it.
                logger.LogDebug(e, "Reporting this silo's execution queues failed");
            }
        } while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using MLEDojo.Execution.Sandbox;
using MLEDojo.Execution.Sandbox.Gpu;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>The GPU memory cap against a fake NVML; the sandboxed end-to-end run uses a fake that sees the sandbox user's processes.</summary>
public sealed class GpuMemoryGuardTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Only_the_runs_own_processes_on_its_device_count_and_their_sum_is_held_to_the_cap()
    {
        var nvml = new FakeNvml();
        nvml.Set(device: 1, (10, 300 * MiB), (11, 300 * MiB), (99, 4000 * MiB));
        nvml.Set(device: 0, (10, 4000 * MiB));
        var guard = new GpuMemoryGuard(nvml, deviceIndex: 1, () => [10, 11], capBytes: 512 * MiB, TimeSpan.FromMilliseconds(1));

        var breach = guard.Poll();

        Assert.NotNull(breach);
        Assert.Equal(CodeRunStatus.GpuOutOfMemory, breach.Status);
        Assert.Equal("GpuOutOfMemory", breach.ErrorClass);
        Assert.Contains("600 MiB", breach.Message);
        Assert.Equal(600 * MiB, guard.PeakBytes);
    }

    [Fact]
    public void Under_the_cap_is_no_breach_and_the_peak_is_remembered()
    {
        var nvml = new FakeNvml();
        var guard = new GpuMemoryGuard(nvml, 0, () => [10], 512 * MiB, TimeSpan.FromMilliseconds(1));

        nvml.Set(0, (10, 500 * MiB));
        Assert.Null(guard.Poll());
        nvml.Set(0, (10, 100 * MiB));
        Assert.Null(guard.Poll());

        Assert.Equal(500 * MiB, guard.PeakBytes);
    }

    [Fact]
    public async Task Watching_breaches_as_soon_as_the_run_goes_over_and_stops_when_told()
    {
        var nvml = new FakeNvml();
        nvml.Set(0, (10, 100 * MiB));
        var guard = new GpuMemoryGuard(nvml, 0, () => [10], 512 * MiB, TimeSpan.FromMilliseconds(5));
        using var stop = new CancellationTokenSource();

        var watching = guard.WatchAsync(stop.Token);
        await Task.Delay(50);
        Assert.False(watching.IsCompleted);
        nvml.Set(0, (10, 513 * MiB));
        var breach = await watching.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(CodeRunStatus.GpuOutOfMemory, breach!.Status);
        var stopped = new GpuMemoryGuard(nvml, 0, () => [], 1, TimeSpan.FromMilliseconds(5)).WatchAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
    }

    [Fact]
    public void Nvml_without_the_driver_is_a_clear_gpu_unavailable_error()
    {
        var error = Assert.Throws<GpuUnavailableException>(() => new NvmlLibrary().RunningProcesses(0));

        Assert.Contains("libnvidia-ml.so.1", error.Message);
    }

    [Fact]
    public void Gpu_runs_get_the_device_pinned_and_the_framework_hints()
    {
        var hints = GpuFrameworkHints.For(2, 512 * MiB);

        Assert.Equal("2", hints["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("PCI_BUS_ID", hints["CUDA_DEVICE_ORDER"]);
        Assert.Contains("expandable_segments:True", hints["PYTORCH_CUDA_ALLOC_CONF"]);
        Assert.Equal("true", hints["TF_FORCE_GPU_ALLOW_GROWTH"]);
        Assert.Equal((512 * MiB).ToString(), hints[GpuFrameworkHints.MemoryLimitVariable]);
        Assert.Contains("/dev/nvidia2", GpuFrameworkHints.DeviceNodes(2));
    }

    private sealed class FakeNvml : IGpuProcessSource
    {
        private readonly Dictionary<int, IReadOnlyList<GpuProcessMemory>> _devices = [];

        public void Set(int device, params (int Pid, long Bytes)[] processes)
        {
            lock (_devices)
                _devices[device] = processes.Select(p => new GpuProcessMemory(p.Pid, p.Bytes)).ToList();
        }

        public IReadOnlyList<GpuProcessMemory> RunningProcesses(int deviceIndex)
        {
            lock (_devices)
                return _devices.GetValueOrDefault(deviceIndex, []);
        }
    }
}

/// <summary>A GPU run through the real sandbox, with a fake NVML that sees the run's 'sleep' holding 600 MiB.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxedGpuRunTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task A_run_over_its_gpu_memory_cap_is_killed_as_gpu_out_of_memory_with_the_hints_set()
    {
        var episode = sandbox.NewEpisode();
        var spec = sandbox.Code(episode, """
            import os
            print(os.environ['CUDA_VISIBLE_DEVICES'], os.environ['DOJO_GPU_MEMORY_LIMIT_BYTES'], flush=True)
            os.execv('/usr/bin/sleep', ['sleep', '20'])
            """) with { GpuIndex = 0 };

        var outcome = await sandbox.GpuRunner.RunAsync(spec, CancellationToken.None);

        Assert.True(outcome.Status == CodeRunStatus.GpuOutOfMemory, outcome.ToString());
        Assert.Equal($"0 {SandboxFixture.GpuMemoryCap}\n", outcome.Stdout);
        Assert.Equal(600L * 1024 * 1024, outcome.PeakGpuMemoryBytes);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(10), $"took {outcome.Duration}");
        Assert.Empty(await sandbox.OwnProcessesAfterExitAsync());
    }

    [Fact]
    public async Task A_cpu_run_is_not_watched_on_any_gpu()
    {
        var outcome = await sandbox.GpuRunner.RunAsync(sandbox.Code(sandbox.NewEpisode(), "import time; time.sleep(0.3)"), CancellationToken.None);

        Assert.Equal(CodeRunStatus.Success, outcome.Status);
        Assert.Null(outcome.PeakGpuMemoryBytes);
    }

    [Fact]
    public async Task Cuda_out_of_memory_raised_by_the_framework_is_gpu_out_of_memory()
    {
        var outcome = await sandbox.Runner.RunAsync(sandbox.Code(sandbox.NewEpisode(), """
            class OutOfMemoryError(RuntimeError):
                pass
            OutOfMemoryError.__module__ = 'torch'
            raise OutOfMemoryError('CUDA out of memory. Tried to allocate 2.00 GiB')
            """), CancellationToken.None);

        Assert.Equal(CodeRunStatus.GpuOutOfMemory, outcome.Status);
        Assert.Equal("torch.OutOfMemoryError", outcome.ErrorClass);
        Assert.Contains("CUDA out of memory", outcome.Traceback);
    }
}

namespace MLEDojo.Execution.Sandbox.Gpu;

/// <summary>GPU memory one process holds on a device, as the driver reports it.</summary>
public readonly record struct GpuProcessMemory(int Pid, long UsedBytes);

/// <summary>
/// The processes using a GPU and their memory: NVML on a real machine (<see cref="NvmlLibrary"/>), a fake in tests.
/// Thread-safe. Throws <see cref="GpuUnavailableException"/> when the device cannot be read.
/// </summary>
public interface IGpuProcessSource
{
    IReadOnlyList<GpuProcessMemory> RunningProcesses(int deviceIndex);
}

public sealed class GpuUnavailableException(string message) : Exception(message);

using System.Runtime.InteropServices;

namespace MLEDojo.Execution.Sandbox.Gpu;

/// <summary>
/// NVML (libnvidia-ml.so.1, shipped with the NVIDIA driver) through P/Invoke: the compute and graphics processes
/// on a device with the memory each holds (host pids, whatever pid namespace the process runs in).
/// </summary>
public sealed class NvmlLibrary : IGpuProcessSource
{
    private const string Library = "libnvidia-ml.so.1";
    private const int Success = 0;
    private const int InsufficientSize = 7;
    /// <summary>usedGpuMemory when the driver cannot tell (NVML_VALUE_NOT_AVAILABLE).</summary>
    private const ulong NotAvailable = ulong.MaxValue;

    private readonly Lazy<int> _initialized = new(Initialize);

    public IReadOnlyList<GpuProcessMemory> RunningProcesses(int deviceIndex)
    {
        Check(_initialized.Value, "nvmlInit_v2");
        Check(DeviceGetHandleByIndex((uint)deviceIndex, out var device), $"nvmlDeviceGetHandleByIndex_v2({deviceIndex})");
        return [.. Query(device, GetComputeRunningProcesses, "nvmlDeviceGetComputeRunningProcesses_v3"),
                .. Query(device, GetGraphicsRunningProcesses, "nvmlDeviceGetGraphicsRunningProcesses_v3")];
    }

    private delegate int ProcessQuery(IntPtr device, ref uint count, [Out] ProcessInfo[]? infos);

    private static IEnumerable<GpuProcessMemory> Query(IntPtr device, ProcessQuery query, string name)
    {
        var count = 0u;
        var result = query(device, ref count, null);
        if (result == Success)
            return [];
        // Processes may start between the two calls: ask again with room to spare until the answer fits.
        for (var attempt = 0; attempt < 5 && result == InsufficientSize; attempt++)
        {
            var infos = new ProcessInfo[count + 8];
            count = (uint)infos.Length;
            result = query(device, ref count, infos);
            if (result == Success)
                return infos.Take((int)count).Select(i => new GpuProcessMemory((int)i.Pid, i.UsedGpuMemory == NotAvailable ? 0 : (long)i.UsedGpuMemory)).ToList();
        }
        Check(result, name);
        return [];
    }

    private static int Initialize()
    {
        try
        {
            return Init();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new GpuUnavailableException($"NVML ({Library}) cannot be loaded: {e.Message}. Is the NVIDIA driver installed?");
        }
    }

    private static void Check(int result, string call)
    {
        if (result != Success)
            throw new GpuUnavailableException($"{call} failed: NVML error {result} ({Marshal.PtrToStringAnsi(ErrorString(result))}).");
    }

    /// <summary>nvmlProcessInfo_t as the _v3 calls fill it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ProcessInfo
    {
        public uint Pid;
        public ulong UsedGpuMemory;
        public uint GpuInstanceId;
        public uint ComputeInstanceId;
    }

    [DllImport(Library, EntryPoint = "nvmlInit_v2")]
    private static extern int Init();

    [DllImport(Library, EntryPoint = "nvmlErrorString")]
    private static extern IntPtr ErrorString(int result);

    [DllImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
    private static extern int DeviceGetHandleByIndex(uint index, out IntPtr device);

    [DllImport(Library, EntryPoint = "nvmlDeviceGetComputeRunningProcesses_v3")]
    private static extern int GetComputeRunningProcesses(IntPtr device, ref uint count, [Out] ProcessInfo[]? infos);

    [DllImport(Library, EntryPoint = "nvmlDeviceGetGraphicsRunningProcesses_v3")]
    private static extern int GetGraphicsRunningProcesses(IntPtr device, ref uint count, [Out] ProcessInfo[]? infos);
}

using System.Globalization;

namespace MLEDojo.Execution.Sandbox.Gpu;

/// <summary>
/// Environment for a GPU run: the device pinned by PCI bus order (the order NVML and nvidia-smi use, so
/// CUDA_VISIBLE_DEVICES names the device the guard watches), and the frameworks told to allocate as they go
/// rather than grab the whole device, so well-behaved code stays under its cap.
/// </summary>
internal static class GpuFrameworkHints
{
    public const string MemoryLimitVariable = "DOJO_GPU_MEMORY_LIMIT_BYTES";

    public static IReadOnlyDictionary<string, string> For(int deviceIndex, long? capBytes)
    {
        var hints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID",
            ["CUDA_VISIBLE_DEVICES"] = deviceIndex.ToString(CultureInfo.InvariantCulture),
            // PyTorch: grow segments instead of caching fixed blocks (less fragmentation, less reserved memory).
            ["PYTORCH_CUDA_ALLOC_CONF"] = "expandable_segments:True,garbage_collection_threshold:0.8",
            // TensorFlow: allocate as needed rather than map the whole device at start.
            ["TF_FORCE_GPU_ALLOW_GROWTH"] = "true",
            ["TF_GPU_ALLOCATOR"] = "cuda_malloc_async",
            // JAX: no 75 % preallocation.
            ["XLA_PYTHON_CLIENT_PREALLOCATE"] = "false",
        };
        if (capBytes is { } cap)
            hints[MemoryLimitVariable] = cap.ToString(CultureInfo.InvariantCulture);
        return hints;
    }

    /// <summary>The NVIDIA device nodes CUDA needs inside the sandbox for one device.</summary>
    public static IReadOnlyList<string> DeviceNodes(int deviceIndex) =>
        ["/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools", "/dev/nvidia-caps", $"/dev/nvidia{deviceIndex.ToString(CultureInfo.InvariantCulture)}"];
}

using System.Globalization;

namespace MLEDojo.Grains.Devices;

/// <summary>A GPU device grain's key, "node/index": the node (silo metadata node.id) and the GPU's index on it.</summary>
public readonly record struct GpuDeviceKey(string Node, int Index)
{
    public override string ToString() => $"{Node}/{Index.ToString(CultureInfo.InvariantCulture)}";

    public static GpuDeviceKey Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new ArgumentException($"'{key}' is not a GPU device key; expected \"node/index\", e.g. \"gpu-host-1/0\".", nameof(key));
        return new GpuDeviceKey(key[..slash], index);
    }
}

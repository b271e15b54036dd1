using System.Globalization;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace MLEDojo.Grains.Devices;

/// <summary>The GPU devices of the cluster's active silos, read from their metadata (node.id and node.gpus).</summary>
public sealed class GpuDeviceDirectory(IClusterMembershipService membership, ISiloMetadataCache metadata)
{
    public IReadOnlyList<GpuDeviceKey> Devices()
    {
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status != SiloStatus.Active) continue;
            var silo = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
            if (!silo.TryGetValue(GridMetadata.NodeId, out var node) || !silo.TryGetValue(GridMetadata.Gpus, out var gpus)) continue;
            foreach (var index in gpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                devices.Add(new GpuDeviceKey(node, int.Parse(index, CultureInfo.InvariantCulture)).ToString());
        }
        return devices.Select(GpuDeviceKey.Parse).ToArray();
    }

    /// <summary>A device for an episode, spread by a stable hash of its id; null when the cluster has no GPU.</summary>
    public GpuDeviceKey? ChooseFor(string episodeId)
    {
        var devices = Devices();
        if (devices.Count == 0) return null;
        var hash = 2166136261u;
        foreach (var c in episodeId) hash = (hash ^ c) * 16777619u;
        return devices[(int)(hash % (uint)devices.Count)];
    }
}

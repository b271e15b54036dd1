using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace MLEDojo.Grains.Devices;

/// <summary>Places a GPU device grain on the silo whose metadata node.id is the node in its key.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class GpuDevicePlacementStrategy : PlacementStrategy
{
    internal static GpuDevicePlacementStrategy Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GpuDevicePlacementAttribute() : PlacementAttribute(GpuDevicePlacementStrategy.Instance);

/// <summary>
/// The director for <see cref="GpuDevicePlacementStrategy"/>. A device belongs to one machine, so there is no
/// fallback: with no live silo on that node the call fails at once with a message naming the node, instead of
/// running on some other machine's GPU.
/// </summary>
public sealed class GpuDevicePlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = GpuDeviceKey.Parse(target.GrainIdentity.Key.ToString()!);
        var candidates = context.GetCompatibleSilos(target);
        foreach (var silo in candidates)
            if (metadata.GetSiloMetadata(silo).Metadata.TryGetValue(GridMetadata.NodeId, out var node) && node == key.Node)
                return Task.FromResult(silo);
        var known = candidates
            .Select(s => metadata.GetSiloMetadata(s).Metadata.GetValueOrDefault(GridMetadata.NodeId))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal);
        throw new OrleansException(
            $"GPU device '{key}' cannot be placed: no active silo has {GridMetadata.NodeId}={key.Node} (nodes with silos: {string.Join(", ", known)}).");
    }
}

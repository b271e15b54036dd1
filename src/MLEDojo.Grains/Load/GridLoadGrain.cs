using MLEDojo.Abstractions;
using Orleans.Concurrency;

namespace MLEDojo.Grains.Load;

/// <summary>
/// The silos' latest queue reports, in memory (a new activation fills up within a report period). A silo that stopped
/// reporting is dropped after <see cref="Stale"/>, so a lost silo's queues stop counting. Reentrant: both methods
/// finish without awaiting.
/// </summary>
[Reentrant]
public sealed class GridLoadGrain : Grain, IGridLoadGrain
{
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, SiloLoad> _bySilo = new(StringComparer.Ordinal);

    public Task Report(SiloLoad load)
    {
        _bySilo[load.Silo] = load;
        return Task.CompletedTask;
    }

    public Task<GridLoad> Get()
    {
        var cutoff = DateTimeOffset.UtcNow - Stale;
        foreach (var stale in _bySilo.Where(s => s.Value.At < cutoff).Select(s => s.Key).ToArray()) _bySilo.Remove(stale);
        return Task.FromResult(new GridLoad { Silos = _bySilo.Values.OrderBy(s => s.Silo, StringComparer.Ordinal).ToArray() });
    }
}

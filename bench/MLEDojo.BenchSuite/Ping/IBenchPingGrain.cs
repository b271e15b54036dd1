namespace MLEDojo.BenchSuite.Ping;

/// <summary>
/// The cheapest grain call there is: no state, no I/O, one small argument back. Its round trip is the limit the
/// grid's own calls are measured against. Bench-only, so it lives here and not among the grid's grains.
/// </summary>
public interface IBenchPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class BenchPingGrain : Grain, IBenchPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value);
}

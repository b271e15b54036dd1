namespace MLEDojo.Abstractions;

/// <summary>One silo's execution queues as it last reported them: its CPU slots and the GPUs on its node.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloLoad
{
    [Id(0)] public required string Silo { get; init; }
    [Id(1)] public int CpuSlots { get; init; }
    [Id(2)] public int CpuRunning { get; init; }
    [Id(3)] public int CpuQueued { get; init; }
    [Id(4)] public IReadOnlyList<DeviceStatus> Gpus { get; init; } = [];
    [Id(5)] public DateTimeOffset At { get; init; }
}

/// <summary>The grid's execution queues: every live silo's latest report.</summary>
[GenerateSerializer, Immutable]
public sealed record GridLoad
{
    [Id(0)] public IReadOnlyList<SiloLoad> Silos { get; init; } = [];

    public int CpuSlots => Silos.Sum(s => s.CpuSlots);
    public int CpuQueued => Silos.Sum(s => s.CpuQueued);
    public IEnumerable<DeviceStatus> Gpus => Silos.SelectMany(s => s.Gpus);
}

/// <summary>
/// Where silos report their execution queues (key "grid"). Each silo reports about once a second and gateways read
/// it at most once a second each, so it is never on a step's path.
/// </summary>
public interface IGridLoadGrain : IGrainWithStringKey
{
    Task Report(SiloLoad load);

    Task<GridLoad> Get();
}

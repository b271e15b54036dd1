using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MLEDojo.MicroBench;

/// <summary>
/// A scored execute_code step's result, as it crosses the wire: Orleans' serializer (grain call and storage) and the
/// gateway's JSON answer (mapping included).
/// </summary>
[MemoryDiagnoser]
public class StepResultSerializationBenchmarks
{
    private readonly Serializer _serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(StepResult).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly StepResult _step = new()
    {
        Observation = new Observation
        {
            ActionStatus = Observation.Success,
            Feedback = "Execution succeeded. Your submission scored 0.8125 (position score 0.7342 on the private board).",
            CurrentRawScore = 0.8125,
            CurrentPositionScore = 0.7342,
            BestRawScore = 0.8125,
            BestPositionScore = 0.7342,
            HistorySummary = "Step 3 of 50: execute_code, best raw score 0.8125.",
            Execution = new ExecutionResult
            {
                Status = ExecutionStatus.Success,
                ExitCode = 0,
                Stdout = string.Join('\n', Enumerable.Range(0, 40).Select(i => $"epoch {i}: loss {1.0 / (i + 1):F4}")),
                Duration = TimeSpan.FromSeconds(12.5),
                QueueWait = TimeSpan.FromMilliseconds(3),
                Device = "cpu@silo-1",
                StartedAt = DateTimeOffset.UnixEpoch,
                FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(12.5),
                CpuTime = TimeSpan.FromSeconds(11),
                PeakMemoryBytes = 512L * 1024 * 1024,
                Isolation = "bubblewrap + cgroup v1",
            },
        },
        Reward = 0.7342,
        StepsTaken = 3,
        StepsLeft = 47,
        TimeLeft = TimeSpan.FromHours(1),
        RequestId = "0f8c2b4e9d6a4c31",
        EpisodeId = "episode-17",
    };

    private byte[] _orleansBytes = [];

    [GlobalSetup]
    public void Prepare() => _orleansBytes = _serializer.SerializeToArray(_step);

    [Benchmark]
    public byte[] OrleansSerialize() => _serializer.SerializeToArray(_step);

    [Benchmark]
    public StepResult OrleansDeserialize() => _serializer.Deserialize<StepResult>(_orleansBytes)!;

    [Benchmark]
    public byte[] GatewayJson() => JsonSerializer.SerializeToUtf8Bytes(WireMapper.Step(_step), Gateway.Wire.GatewayJson.Options);
}

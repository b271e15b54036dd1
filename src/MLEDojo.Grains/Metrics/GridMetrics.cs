using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MLEDojo.Abstractions;
using MLEDojo.Execution;

namespace MLEDojo.Grains.Metrics;

/// <summary>
/// The grid's metrics (meter "MLEDojo.Grid"), one instance per silo: episodes opened and ended, steps by action,
/// execution durations by device kind and outcome, and each local device's queue. Every silo reports its own share
/// (an episode opened on one silo and ended on another adds +1 there and −1 here); the exporter's sums are the
/// cluster's figures.
/// </summary>
public sealed class GridMetrics : IDisposable
{
    public const string MeterName = "MLEDojo.Grid";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, FifoGate> _queues = new(StringComparer.Ordinal);
    private readonly UpDownCounter<long> _openEpisodes;
    private readonly Counter<long> _steps;
    private readonly Histogram<double> _executionSeconds;

    public GridMetrics()
    {
        _openEpisodes = _meter.CreateUpDownCounter<long>("mledojo.episodes.open", description: "Episodes reset and not yet done or closed.");
        _steps = _meter.CreateCounter<long>("mledojo.steps", description: "Steps recorded, by action type.");
        // Agent code runs from a fraction of a second to hours (the default buckets are for milliseconds).
        _executionSeconds = _meter.CreateHistogram("mledojo.execution.duration", unit: "s",
            description: "Code executions and validations, by device kind and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14400] });
        _meter.CreateObservableGauge("mledojo.execution.queue", ObserveQueues, description: "Executions waiting for each device of this silo.");
    }

    public void EpisodeOpened() => _openEpisodes.Add(1);

    public void EpisodeEnded() => _openEpisodes.Add(-1);

    public void StepRecorded(ActionType action) => _steps.Add(1, new KeyValuePair<string, object?>("action", action.ToString()));

    public void Executed(string deviceKind, ExecutionResult result) =>
        _executionSeconds.Record(result.Duration.TotalSeconds,
            new KeyValuePair<string, object?>("device_kind", deviceKind),
            new KeyValuePair<string, object?>("outcome", result.Status.ToString()));

    /// <summary>Reports <paramref name="queue"/>'s waiting executions as device <paramref name="device"/> until <see cref="Forget"/>.</summary>
    public void Watch(string device, FifoGate queue) => _queues[device] = queue;

    public void Forget(string device) => _queues.TryRemove(device, out _);

    private IEnumerable<Measurement<int>> ObserveQueues() =>
        _queues.Select(q => new Measurement<int>(q.Value.Queued, new KeyValuePair<string, object?>("device", q.Key)));

    public void Dispose() => _meter.Dispose();
}

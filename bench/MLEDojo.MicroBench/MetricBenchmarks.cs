using BenchmarkDotNet.Attributes;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.MicroBench;

/// <summary>The metrics on aligned columns of 100,000 rows (binary target and a probability, or two real columns).</summary>
[MemoryDiagnoser]
public class MetricBenchmarks
{
    private const int Rows = 100_000;
    private IMetric _metric = null!;
    private MetricInput _input = null!;

    [Params("auc", "log_loss", "accuracy", "f1", "rmse", "mae", "r2", "spearman")]
    public string Family { get; set; } = "";

    [GlobalSetup]
    public void Prepare()
    {
        var random = new Random(11);
        var truth = new double[Rows];
        var prediction = new double[Rows];
        var labels = Family is "auc" or "log_loss" or "accuracy" or "f1";
        for (var row = 0; row < Rows; row++)
        {
            truth[row] = labels ? random.Next(2) : random.NextDouble() * 100;
            // A probability leaning the right way for the label metrics; a noisy estimate for the regression ones.
            prediction[row] = labels
                ? Math.Clamp(truth[row] * 0.3 + random.NextDouble() * 0.7, 0.001, 0.999)
                : truth[row] + random.NextDouble() * 10 - 5;
            if (Family is "accuracy" or "f1") prediction[row] = Math.Round(prediction[row]);
        }
        _metric = MetricFamilies.Create(Family, MetricParameters.Empty);
        _input = MetricInput.FromNumbers(truth, prediction);
    }

    [Benchmark]
    public double Evaluate() => _metric.Evaluate(_input);
}

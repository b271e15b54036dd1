using MLEDojo.DataSelect;

namespace MLEDojo.Grains.Episodes.DataSelect;

/// <summary>
/// <see cref="DataSelectSnapshot"/> as the "episodes" storage keeps it: with the task and seed (which regenerate the
/// pool) it restores the environment on any silo, the model by replaying the labelled batches.
/// </summary>
[GenerateSerializer]
public sealed class DataSelectProgress
{
    [Id(0)] public string TaskId { get; set; } = "";
    [Id(1)] public long Seed { get; set; }
    [Id(2)] public int RemainingBudget { get; set; }
    [Id(3)] public int Steps { get; set; }
    [Id(4)] public double Performance { get; set; }
    [Id(5)] public bool Done { get; set; }
    [Id(6)] public float[] Weights { get; set; } = [];
    [Id(7)] public double[] Centroid { get; set; } = [];
    [Id(8)] public ulong[] RandomState { get; set; } = [];
    [Id(9)] public int[] Taken { get; set; } = [];
    [Id(10)] public double[] NoiseRatios { get; set; } = [];
    [Id(11)] public double TrainSum { get; set; }
    [Id(12)] public double TrainSumOfSquares { get; set; }
    [Id(13)] public long TrainCount { get; set; }
    /// <summary>The observation after the last step, so snapshots need not restore the environment.</summary>
    [Id(14)] public Abstractions.DataSelectView? View { get; set; }
    [Id(15)] public float Bias { get; set; }
    [Id(16)] public int[] BatchSizes { get; set; } = [];

    public static DataSelectProgress From(DataSelectSnapshot s, Abstractions.DataSelectView view) => new()
    {
        TaskId = s.TaskId,
        Seed = s.Seed,
        RemainingBudget = s.RemainingBudget,
        Steps = s.Steps,
        Performance = s.Performance,
        Done = s.Done,
        Weights = s.Weights,
        Bias = s.Bias,
        BatchSizes = s.BatchSizes,
        Centroid = s.Centroid,
        RandomState = s.RandomState,
        Taken = s.Taken,
        NoiseRatios = s.NoiseRatios,
        TrainSum = s.TrainSum,
        TrainSumOfSquares = s.TrainSumOfSquares,
        TrainCount = s.TrainCount,
        View = view,
    };

    public DataSelectSnapshot ToSnapshot() => new()
    {
        TaskId = TaskId,
        Seed = Seed,
        RemainingBudget = RemainingBudget,
        Steps = Steps,
        Performance = Performance,
        Done = Done,
        Weights = Weights,
        Bias = Bias,
        BatchSizes = BatchSizes,
        Centroid = Centroid,
        RandomState = RandomState,
        Taken = Taken,
        NoiseRatios = NoiseRatios,
        TrainSum = TrainSum,
        TrainSumOfSquares = TrainSumOfSquares,
        TrainCount = TrainCount,
    };
}

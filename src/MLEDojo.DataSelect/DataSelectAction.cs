namespace MLEDojo.DataSelect;

public enum DataSelectActionType { SelectBatch, Stop }

/// <summary>How a batch is split between sampling strategies; normalised to sum 1 when used.</summary>
public sealed record StrategyWeights(double Uncertainty, double Diversity, double Random)
{
    public double Sum => Uncertainty + Diversity + Random;
}

/// <summary>DataSelectEnv's action: select_batch (label batch_size samples chosen by the weighted strategies) or stop.</summary>
public sealed record DataSelectAction(DataSelectActionType Type, int BatchSize, StrategyWeights? Weights)
{
    /// <summary>The largest batch_size taken; any budget is far below it, so it only guards against nonsense.</summary>
    public const int MaxBatchSize = 100_000;

    public static DataSelectAction Select(int batchSize, double uncertainty, double diversity, double random) =>
        new(DataSelectActionType.SelectBatch, batchSize, new StrategyWeights(uncertainty, diversity, random));

    public static DataSelectAction Stop() => new(DataSelectActionType.Stop, 0, null);

    /// <summary>Why this action cannot be taken in any episode, or null. The messages name wire fields, as agents see them.</summary>
    public string? Problem()
    {
        if (BatchSize < 0) return $"batch_size must be >= 0; got {BatchSize}.";
        if (BatchSize > MaxBatchSize) return $"batch_size must be at most {MaxBatchSize}; got {BatchSize}.";
        if (Type == DataSelectActionType.Stop) return Weights is null ? null : WeightsProblem(Weights);
        if (Weights is null) return "select_batch needs strategy_weights {uncertainty, diversity, random} (numbers >= 0, not all 0).";
        return WeightsProblem(Weights) ?? (Weights.Sum > 0 ? null : "strategy_weights must not all be 0; they are normalised to sum 1.");
    }

    private static string? WeightsProblem(StrategyWeights w)
    {
        foreach (var (name, value) in new[] { ("uncertainty", w.Uncertainty), ("diversity", w.Diversity), ("random", w.Random) })
        {
            if (!double.IsFinite(value) || value < 0) return $"strategy_weights.{name} must be a finite number >= 0; got {value}.";
        }
        return null;
    }

    public static string WireName(DataSelectActionType type) => type == DataSelectActionType.Stop ? "stop" : "select_batch";
}

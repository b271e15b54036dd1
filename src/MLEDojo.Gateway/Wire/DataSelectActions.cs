using MLEDojo.Abstractions;

namespace MLEDojo.Gateway.Wire;

/// <summary>data-select: label batch_size samples (raised to 5, capped by the budget) chosen by the weighted strategies.</summary>
public sealed record SelectBatchAction : WireAction
{
    public required int BatchSize { get; init; }
    public required WireStrategyWeights StrategyWeights { get; init; }

    public override EpisodeAction ToEpisodeAction() =>
        EpisodeAction.SelectBatch(BatchSize, StrategyWeights.Uncertainty, StrategyWeights.Diversity, StrategyWeights.Random);
}

/// <summary>data-select: end the episode now (batch_size and strategy_weights are accepted and ignored, as the original takes them).</summary>
public sealed record StopAction : WireAction
{
    public int BatchSize { get; init; }
    public WireStrategyWeights? StrategyWeights { get; init; }

    public override EpisodeAction ToEpisodeAction() => EpisodeAction.Stop() with
    {
        BatchSize = BatchSize,
        Weights = StrategyWeights is { } w ? new SelectionWeights(w.Uncertainty, w.Diversity, w.Random) : null,
    };
}

/// <summary>DataSelectEnv's strategy_weights: each >= 0 (a missing one is 0), normalised to sum 1.</summary>
public sealed record WireStrategyWeights
{
    public double Uncertainty { get; init; }
    public double Diversity { get; init; }
    public double Random { get; init; }
}

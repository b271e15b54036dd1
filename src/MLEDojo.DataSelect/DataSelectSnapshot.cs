namespace MLEDojo.DataSelect;

/// <summary>
/// Everything that distinguishes an episode after its reset: with the task and seed (which regenerate the pool),
/// enough to restore it. The model is rebuilt by replaying the labelled batches through the same training (ML.NET
/// has no public way to build a model from weights), and the replay is checked against the recorded weights.
/// </summary>
public sealed record DataSelectSnapshot
{
    public required string TaskId { get; init; }
    public required long Seed { get; init; }
    public required int RemainingBudget { get; init; }
    public required int Steps { get; init; }
    public required double Performance { get; init; }
    public required bool Done { get; init; }
    /// <summary>The model's weights and bias after the last step (what its predictions used).</summary>
    public required float[] Weights { get; init; }
    public required float Bias { get; init; }
    public required double[] Centroid { get; init; }
    public required ulong[] RandomState { get; init; }
    /// <summary>Pool indices labelled so far, in the order they were taken.</summary>
    public required int[] Taken { get; init; }
    /// <summary>How many of <see cref="Taken"/> each select_batch step labelled, in order (the batches to replay).</summary>
    public required int[] BatchSizes { get; init; }
    /// <summary>Each select_batch step's share of mislabelled samples (the medium grader's input).</summary>
    public required double[] NoiseRatios { get; init; }
    public required double TrainSum { get; init; }
    public required double TrainSumOfSquares { get; init; }
    public required long TrainCount { get; init; }
}

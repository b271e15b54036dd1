namespace MLEDojo.DataSelect;

/// <summary>
/// Everything that distinguishes an episode after its reset: with the task and seed (which regenerate the pool),
/// enough to restore it exactly, on any machine (the model's weights are kept, not retrained).
/// </summary>
public sealed record DataSelectSnapshot
{
    public required string TaskId { get; init; }
    public required long Seed { get; init; }
    public required int RemainingBudget { get; init; }
    public required int Steps { get; init; }
    public required double Performance { get; init; }
    public required bool Done { get; init; }
    /// <summary>The model in ML.NET's format (<see cref="LinearClassifier.ToBytes"/>).</summary>
    public required byte[] Model { get; init; }
    public required double[] Centroid { get; init; }
    public required ulong[] RandomState { get; init; }
    /// <summary>Pool indices labelled so far, in the order they were taken.</summary>
    public required int[] Taken { get; init; }
    /// <summary>Each select_batch step's share of mislabelled samples (the medium grader's input).</summary>
    public required double[] NoiseRatios { get; init; }
    public required double TrainSum { get; init; }
    public required double TrainSumOfSquares { get; init; }
    public required long TrainCount { get; init; }
}

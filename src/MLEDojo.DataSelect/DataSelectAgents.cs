namespace MLEDojo.DataSelect;

/// <summary>Chooses DataSelect actions from observations.</summary>
public interface IDataSelectAgent
{
    string Name { get; }

    DataSelectAction Act(DataSelectObservation observation);
}

/// <summary>An agent that takes the same action every step.</summary>
public sealed class FixedAgent(string name, DataSelectAction action) : IDataSelectAgent
{
    /// <summary>The original's GET /baseline agent: select_batch of 10, uncertainty 0.4, diversity 0.4, random 0.2.</summary>
    public static FixedAgent Balanced() => new("balanced (uncertainty=0.4, diversity=0.4, random=0.2)", DataSelectAction.Select(10, 0.4, 0.4, 0.2));

    /// <summary>The original's "random" sampling strategy (its tests' third strategy): batches of 10 drawn uniformly from the pool.</summary>
    public static FixedAgent RandomSampling() => new("random sampling (uncertainty=0, diversity=0, random=1)", DataSelectAction.Select(10, 0, 0, 1));

    public string Name => name;

    public DataSelectAction Act(DataSelectObservation observation) => action;
}

/// <summary>
/// A random agent in the RL sense: each step an action drawn uniformly from the action space /tasks describes
/// (action_type select_batch or stop, batch_size 0 to the remaining budget, each strategy weight in [0, 1)), from
/// its own seeded generator.
/// </summary>
public sealed class RandomAgent(long seed) : IDataSelectAgent
{
    private readonly SeededRandom _random = new(seed);

    public string Name => "random (uniform over action_type, batch_size 0..remaining budget, weights in [0, 1))";

    public DataSelectAction Act(DataSelectObservation observation)
    {
        var stop = _random.NextInt(2) == 1;
        var batchSize = _random.NextInt(observation.RemainingBudget + 1);
        var weights = new StrategyWeights(_random.NextDouble(), _random.NextDouble(), _random.NextDouble());
        return stop ? new DataSelectAction(DataSelectActionType.Stop, batchSize, weights)
            : weights.Sum > 0 ? new DataSelectAction(DataSelectActionType.SelectBatch, batchSize, weights)
            : DataSelectAction.Select(batchSize, 0, 0, 1);
    }
}

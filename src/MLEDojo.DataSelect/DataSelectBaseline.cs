namespace MLEDojo.DataSelect;

/// <summary>One task's outcome for an agent: the grade, the episode's total reward and its final performance.</summary>
public sealed record BaselineResult(DataSelectGrade Grade, double TotalReward, double FinalPerformance, int Steps);

/// <summary>Plays whole episodes with an agent, as the original's GET /baseline does with its balanced agent.</summary>
public static class DataSelectBaseline
{
    public const long Seed = DataSelectConfig.DefaultSeed;

    public static BaselineResult Play(DataSelectTask task, long seed, IDataSelectAgent agent)
    {
        var environment = DataSelectEnvironment.Reset(task, seed);
        var observation = environment.Observation;
        var total = 0.0;
        while (!environment.Done)
        {
            var step = environment.Step(agent.Act(observation));
            total += step.Reward;
            observation = step.Observation;
        }
        return new BaselineResult(environment.Grade(), Math.Round(total, 4), Math.Round(environment.Performance, 4), environment.Steps);
    }

    /// <summary>Every task with a fresh agent from <paramref name="agent"/>, in task order.</summary>
    public static IReadOnlyDictionary<string, BaselineResult> PlayAll(long seed, Func<IDataSelectAgent> agent) =>
        DataSelectTask.All.ToDictionary(t => t.Id, t => Play(t, seed, agent()));
}

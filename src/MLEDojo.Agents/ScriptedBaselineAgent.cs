using MLEDojo.Abstractions;

namespace MLEDojo.Agents;

/// <summary>
/// A scripted agent that writes real pandas/scikit-learn code from what request_info returns. Five steps:
/// request_info(all), validate_code(baseline), execute_code(baseline), execute_code(a bigger model), get_history.
/// The episode's seed and the repetition's <paramref name="sampleSeed"/> seed the models, so repetitions differ.
/// </summary>
public sealed class ScriptedBaselineAgent(int sampleSeed = 0) : ScriptedAgent
{
    private IReadOnlyDictionary<string, string> _facts = new Dictionary<string, string>();

    public override string Name => "scripted";

    protected override int PlanLength => 5;

    protected override void OnReset() => _facts = new Dictionary<string, string>();

    protected override EpisodeAction Plan(int index) => index switch
    {
        0 => EpisodeAction.RequestInfo("all"),
        1 => EpisodeAction.ValidateCode(BaselineCodeWriter.Write(BaselinePlan())),
        2 => EpisodeAction.ExecuteCode(BaselineCodeWriter.Write(BaselinePlan())),
        3 => EpisodeAction.ExecuteCode(BaselineCodeWriter.Write(BaselinePlan() with { Trees = 120 })),
        _ => EpisodeAction.GetHistory(),
    };

    protected override void Observe(int index, StepResult result)
    {
        if (index == 0 && result.Observation.Info is { } info) _facts = info;
    }

    private BaselinePlan BaselinePlan() => new(
        _facts.GetValueOrDefault("data_path", "."),
        BaselineCodeWriter.MetricWantsProbabilities(_facts),
        Trees: 30,
        Seed: unchecked(Episode.Seed * 1000 + sampleSeed));
}

using MLEDojo.Abstractions;
using MLEDojo.Client;

namespace MLEDojo.Agents;

/// <summary>
/// A scripted agent for demos and smoke tests. Five steps: request_info(all), validate_code(baseline),
/// execute_code(baseline), execute_code(a bigger model), get_history. Stops early when the episode is done.
/// </summary>
public sealed class ScriptedBaselineAgent(int seed = 0)
{
    public async Task<IReadOnlyList<StepResult>> PlayAsync(EpisodeSession episode, IProgress<StepResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new List<StepResult>();
        async Task<StepResult?> Do(Func<Task<StepResult>> step)
        {
            if (episode.Done) return null;
            var result = await step();
            results.Add(result);
            progress?.Report(result);
            return result;
        }

        var info = await Do(() => episode.RequestInfoAsync("all", cancellationToken));
        var facts = info?.Observation.Info ?? new Dictionary<string, string>();
        var plan = new BaselinePlan(
            facts.GetValueOrDefault("data_path", "."),
            BaselineCodeWriter.MetricWantsProbabilities(facts),
            Trees: 30,
            Seed: seed);
        await Do(() => episode.ValidateCodeAsync(BaselineCodeWriter.Write(plan), cancellationToken));
        await Do(() => episode.ExecuteCodeAsync(BaselineCodeWriter.Write(plan), cancellationToken));
        await Do(() => episode.ExecuteCodeAsync(BaselineCodeWriter.Write(plan with { Trees = 120 }), cancellationToken));
        await Do(() => episode.GetHistoryAsync(cancellationToken));
        return results;
    }
}

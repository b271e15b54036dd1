using System.Text.Json;
using MLEDojo.Gateway.Wire;
using TrajectoryStep = MLEDojo.Rollouts.Trajectories.TrajectoryStep;
using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Rollouts.Reporting;

/// <summary>A rollout folder's finished episodes, grouped by competition and agent.</summary>
public sealed record RolloutReport(string RunId, string Directory, IReadOnlyList<GroupStats> Groups, int Failures)
{
    public IReadOnlyList<string> Competitions => Groups.Select(g => g.Competition).Distinct().ToArray();
    public IReadOnlyList<string> Agents => Groups.Select(g => g.Agent).Distinct().ToArray();
    public int Episodes => Groups.Sum(g => g.Episodes);

    /// <summary>Reads <c>DIR/trajectories.jsonl</c> (finished episodes only, as the store keeps them) and <c>DIR/failures.jsonl</c>.</summary>
    public static RolloutReport Load(string directory)
    {
        var path = Path.Combine(directory, TrajectoryStore.FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No {TrajectoryStore.FileName} in {directory}: run dojo rollout --out {directory} first.", path);
        var lines = new List<TrajectoryStep>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0) continue;
            try
            {
                lines.Add(JsonSerializer.Deserialize<TrajectoryStep>(text, GatewayJson.Options)!);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number} is not a trajectory step: {e.Message}");
            }
        }
        var episodes = lines.GroupBy(l => l.EpisodeId)
            .Where(g => g.Any(l => l.EpisodeEnd))
            .Select(g => EpisodeResult.From(g.OrderBy(l => l.Step).ToArray()))
            .ToArray();
        var groups = episodes.GroupBy(e => (e.Competition, e.Agent))
            .OrderBy(g => g.Key.Competition, StringComparer.Ordinal).ThenBy(g => g.Key.Agent, StringComparer.Ordinal)
            .Select(g => GroupStats.Of(g.Key.Competition, g.Key.Agent, g.OrderBy(e => e.EpisodeId, StringComparer.Ordinal).ToArray()))
            .ToArray();
        var failures = Path.Combine(directory, Running.RolloutRunner.FailuresFileName);
        var runId = lines.FirstOrDefault()?.RunId ?? "";
        return new RolloutReport(runId, directory, groups, File.Exists(failures) ? File.ReadLines(failures).Count(l => l.Length > 0) : 0);
    }
}

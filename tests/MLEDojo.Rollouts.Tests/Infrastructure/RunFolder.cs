using MLEDojo.Agents;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Running;
using MLEDojo.Rollouts.Targets;
using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Rollouts.Tests.Infrastructure;

/// <summary>A rollout's --out folder in the temp directory, and one invocation of the runner on it, as dojo rollout does.</summary>
public sealed class RunFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mledojo-rollout-" + Guid.NewGuid().ToString("N"));

    public string Trajectories => System.IO.Path.Combine(Path, TrajectoryStore.FileName);
    public string Failures => System.IO.Path.Combine(Path, RolloutRunner.FailuresFileName);

    public async Task<(RolloutSummary Summary, IReadOnlyList<PlannedEpisode> Plan)> RunAsync(
        IRolloutTarget target, RolloutSpec spec, int concurrency = 3, int maxAttempts = 3, CancellationToken cancellationToken = default,
        AgentCatalog? agents = null, Func<PlannedEpisode, string>? catalogName = null)
    {
        var (manifest, invocation) = RunManifest.Begin(Path, "test", DateTimeOffset.UtcNow);
        using var store = TrajectoryStore.Open(Path);
        var catalog = agents ?? new AgentCatalog();
        var plan = spec.Expand(manifest.RunId);
        var runner = new RolloutRunner(target, p => catalog.Create(catalogName?.Invoke(p) ?? p.Agent, p.Repetition), spec, store, Failures, invocation,
            new RolloutSettings(concurrency, maxAttempts, TimeSpan.FromMilliseconds(10)), new RolloutCounters());
        return (await runner.RunAsync(plan, cancellationToken), plan);
    }

    public IReadOnlyList<string> Lines() => File.Exists(Trajectories) ? File.ReadAllLines(Trajectories) : [];

    public IReadOnlyList<TrajectoryStep> Steps() => Lines()
        .Select(l => System.Text.Json.JsonSerializer.Deserialize<TrajectoryStep>(l, Gateway.Wire.GatewayJson.Options)!).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}

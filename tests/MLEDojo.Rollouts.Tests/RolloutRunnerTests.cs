using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Running;
using MLEDojo.Rollouts.Targets;
using MLEDojo.Rollouts.Tests.Infrastructure;
using MLEDojo.Rollouts.Trajectories;

namespace MLEDojo.Rollouts.Tests;

public sealed class RolloutRunnerTests : IDisposable
{
    private readonly RunFolder _folder = new();

    private static RolloutSpec Spec(int episodes = 2, int maxSteps = 10) => new()
    {
        Agents = ["sample-submission", "scripted"],
        Competitions = ["comp-a", "comp-b"],
        Seeds = [0, 1],
        Episodes = episodes,
        MaxSteps = maxSteps,
    };

    [Fact]
    public async Task Every_planned_episode_is_played_once_with_deterministic_ids_and_lines_that_match_the_schema()
    {
        var target = new FakeTarget();
        var (summary, plan) = await _folder.RunAsync(target, Spec());

        Assert.Equal(16, plan.Count);
        Assert.Equal((16, 0, 0), (summary.Done, summary.Failed, summary.Skipped));
        var steps = _folder.Steps();
        var episodes = steps.GroupBy(s => s.EpisodeId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Step).ToArray());
        Assert.Equal(plan.Select(p => p.EpisodeId).Order(), episodes.Keys.Order());
        foreach (var (id, lines) in episodes)
        {
            Assert.Equal(Enumerable.Range(0, lines.Length), lines.Select(l => l.Step));
            Assert.Single(lines, l => l.EpisodeEnd);
            Assert.True(lines[^1].EpisodeEnd);
            Assert.Null(lines[0].Action);
            Assert.Equal("plan_complete", lines[^1].StopReason);
            Assert.Equal(lines[0].Agent == "scripted" ? 6 : 3, lines.Length);
        }
        var one = episodes[plan[0].EpisodeId];
        Assert.Equal($"{plan[0].RunId}.comp-a.sample-submission.s0.r0", one[0].EpisodeId);
        Assert.Equal("comp-a.sample-submission.s0", one[0].GroupId);
        Assert.Equal(plan[0].EpisodeId + ".i1a1", one[0].GridEpisodeId);
        Assert.Equal(16, target.Closed.Count);
        TrajectorySchema.AssertFileConforms(_folder.Trajectories);
    }

    [Fact]
    public async Task A_rollout_cut_short_and_run_again_finishes_without_duplicating_an_episode()
    {
        // The first invocation stalls on every repetition-1 episode and is cancelled once the others are written.
        var stalled = new FakeTarget { Fault = (id, step, token) => id.Contains(".r1.") && step == 1 ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask };
        using var cut = new CancellationTokenSource();
        var run = _folder.RunAsync(stalled, Spec(), concurrency: 16, cancellationToken: cut.Token);
        while (_folder.Lines().Count(l => l.Contains("\"episode_end\":true")) < 8) await Task.Delay(20);
        await cut.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // A process killed while writing leaves a torn line behind.
        File.AppendAllText(_folder.Trajectories, """{"schema_version":1,"run_id":"x","episode_id":""");

        var (summary, plan) = await _folder.RunAsync(new FakeTarget(), Spec(), concurrency: 4);

        Assert.Equal((8, 8, 0), (summary.Skipped, summary.Done, summary.Failed));
        var ends = _folder.Steps().Where(s => s.EpisodeEnd).ToArray();
        Assert.Equal(16, ends.Length);
        Assert.Equal(plan.Select(p => p.EpisodeId).Order(), ends.Select(e => e.EpisodeId).Order());
        Assert.All(_folder.Steps().GroupBy(s => (s.EpisodeId, s.Step)), g => Assert.Single(g));
        Assert.All(ends.Where(e => e.EpisodeId.Contains(".r1.")), e => Assert.EndsWith(".i2a1", e.GridEpisodeId));
        TrajectorySchema.AssertFileConforms(_folder.Trajectories);

        var again = await _folder.RunAsync(new FakeTarget(), Spec());
        Assert.Equal((16, 0), (again.Summary.Skipped, again.Summary.Done));
        Assert.Equal(16, _folder.Steps().Count(s => s.EpisodeEnd));
    }

    [Fact]
    public async Task An_infrastructure_failure_voids_the_attempt_and_a_fresh_episode_is_played_and_the_failure_is_logged()
    {
        var target = new FakeTarget
        {
            Fault = (id, step, _) => id.EndsWith("a1", StringComparison.Ordinal) && step == 2
                ? throw new RemoteGridException("/step answered 503: saturated", isInfrastructure: true)
                : Task.CompletedTask,
        };
        var spec = Spec(episodes: 1) with { Agents = ["scripted"], Seeds = [0], Competitions = ["comp-a"] };

        var (summary, plan) = await _folder.RunAsync(target, spec);

        Assert.Equal((1, 0, 1), (summary.Done, summary.Failed, summary.Retries));
        var steps = _folder.Steps();
        Assert.All(steps, s => Assert.Equal(2, s.Attempt));
        Assert.All(steps, s => Assert.Equal(plan[0].EpisodeId + ".i1a2", s.GridEpisodeId));
        Assert.Equal(6, steps.Count);
        var failure = Assert.Single(File.ReadAllLines(_folder.Failures));
        Assert.Contains("\"failure_class\":\"infrastructure\"", failure);
        Assert.Contains("\"retried\":true", failure);
    }

    [Fact]
    public async Task Other_failures_are_not_retried_and_stay_unfinished_for_the_next_run()
    {
        var broken = new FakeTarget { Fault = (_, step, _) => step == 1 ? throw new InvalidOperationException("a bug") : Task.CompletedTask };
        var spec = Spec(episodes: 1) with { Agents = ["sample-submission"], Seeds = [0], Competitions = ["comp-a"] };

        var first = await _folder.RunAsync(broken, spec);
        Assert.Equal((0, 1, 0), (first.Summary.Done, first.Summary.Failed, first.Summary.Retries));
        Assert.Single(broken.Resets);
        Assert.Empty(_folder.Lines());
        Assert.Contains("\"retried\":false", Assert.Single(File.ReadAllLines(_folder.Failures)));

        var second = await _folder.RunAsync(new FakeTarget(), spec);
        Assert.Equal(1, second.Summary.Done);
    }

    [Fact]
    public async Task Infrastructure_failures_past_the_attempt_limit_fail_the_episode()
    {
        var down = new FakeTarget { Fault = (_, _, _) => throw new HttpRequestException("connection refused") };
        var spec = Spec(episodes: 1) with { Agents = ["info-only"], Seeds = [0], Competitions = ["comp-a"] };

        var (summary, _) = await _folder.RunAsync(down, spec, maxAttempts: 3);

        Assert.Equal((0, 1, 2), (summary.Done, summary.Failed, summary.Retries));
        Assert.Equal(3, File.ReadAllLines(_folder.Failures).Length);
    }

    [Fact]
    public async Task The_grid_ending_the_episode_at_its_step_limit_is_the_stop_reason()
    {
        var spec = Spec(episodes: 1, maxSteps: 3) with { Agents = ["scripted"], Seeds = [0], Competitions = ["comp-a"] };
        await _folder.RunAsync(new FakeTarget(), spec);
        var last = _folder.Steps()[^1];
        Assert.Equal((3, true, "max_steps"), (last.Step, last.Done, last.StopReason));
    }

    [Fact]
    public void Recovery_keeps_whole_finished_episodes_once_and_drops_torn_and_unfinished_ones()
    {
        static string L(string id, int step, bool end) => $$"""{"episode_id":"{{id}}","step":{{step}},"episode_end":{{(end ? "true" : "false")}}}""";
        var content = string.Join("\n", L("a", 0, false), L("a", 1, true), L("b", 0, false), L("a", 0, false), L("a", 1, true), "not json", L("c", 0, true)) + "\n" + """{"episode_id":"d","st""";

        var (kept, finished, dropped) = TrajectoryStore.Recover(content);

        Assert.Equal([L("a", 0, false), L("a", 1, true), L("c", 0, true)], kept);
        Assert.Equal(["a", "c"], finished.Order());
        Assert.Equal(5, dropped);
    }

    [Fact]
    public async Task Appending_an_episode_twice_is_refused()
    {
        await _folder.RunAsync(new FakeTarget(), Spec(episodes: 1) with { Agents = ["info-only"], Seeds = [0], Competitions = ["comp-a"] });
        using var store = TrajectoryStore.Open(_folder.Path);
        Assert.Throws<InvalidOperationException>(() => store.AppendEpisode(_folder.Steps()));
    }

    public static TheoryData<Exception, bool> Failures => new()
    {
        { new HttpRequestException("refused"), true },
        { new TimeoutException("late"), true },
        { new InfrastructureStepException("no interpreter"), true },
        { new MLEDojo.Agents.AgentInfrastructureException("model server down"), true },
        { new RemoteGridException("503", isInfrastructure: true), true },
        { new RemoteGridException("400", isInfrastructure: false), false },
        { new InvalidOperationException("bug"), false },
        { new EpisodeRefusedException("unknown competition"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failures_are_classified(Exception e, bool infrastructure) =>
        Assert.Equal(infrastructure, FailureClassifier.IsInfrastructure(e));

    public void Dispose() => _folder.Dispose();
}

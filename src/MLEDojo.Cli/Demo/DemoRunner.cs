using System.Diagnostics;
using System.Globalization;
using MLEDojo.Abstractions;
using MLEDojo.Agents;
using MLEDojo.Client;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Running;
using MLEDojo.Rollouts.Targets;

namespace MLEDojo.Cli.Demo;

/// <summary>
/// Plays many episodes at once with the scripted baseline agent over a grid (any IGrainFactory), shows a live
/// progress line, and prints each competition's leaderboard at the end.
/// </summary>
public sealed class DemoRunner(IGrainFactory grains, TextWriter output)
{
    private readonly GrainRolloutTarget _target = new(grains, "embedded grid");
    private int _running;
    private int _done;
    private int _failed;
    private int _steps;
    private int _executions;

    public async Task<DemoSummary> RunAsync(IReadOnlyList<string> competitions, int episodes, CancellationToken cancellationToken)
    {
        var client = new DojoClient(grains);
        var clock = Stopwatch.StartNew();
        using var ticker = new CancellationTokenSource();
        var progress = ShowProgress(clock, ticker.Token);

        var plays = Enumerable.Range(0, episodes).Select(i => PlayOne(client, competitions[i % competitions.Count], seed: i / competitions.Count, cancellationToken)).ToArray();
        var outcomes = await Task.WhenAll(plays);
        await ticker.CancelAsync();
        await progress;
        output.WriteLine(Line(clock.Elapsed));
        output.WriteLine();

        foreach (var competition in competitions)
        {
            var board = await client.GetLeaderboardAsync(competition, top: 10);
            output.WriteLine($"== {competition}: live leaderboard ({board.Count} episodes with a valid submission)");
            output.WriteLine($"   {"#",-3} {"agent",-22} {"episode",-38} {"raw score",12} {"position",9} medal");
            for (var rank = 0; rank < board.Count; rank++)
            {
                var e = board[rank];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {rank + 1,-3} {e.AgentName,-22} {e.EpisodeId,-38} {e.RawScore,12:0.#####} {e.PositionScore,9:0.####} {e.Medal ?? "-"}"));
            }
            output.WriteLine();
        }
        return new DemoSummary(episodes, _done, _failed, _steps, outcomes.Count(o => o.BestRaw is not null), clock.Elapsed);
    }

    private async Task<(string Competition, double? BestRaw)> PlayOne(DojoClient client, string competition, int seed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            var options = new EpisodeOptions { Competition = competition, AgentName = $"baseline-seed{seed}", Seed = seed, MaxSteps = 10 };
            var episodeId = DojoClient.NewEpisodeId();
            var planned = new PlannedEpisode("demo", RolloutEnvs.Mle, competition, options.AgentName, seed, Repetition: 0);
            var steps = await EpisodePlayer.PlayAsync(
                _target.Open(RolloutEnvs.Mle, episodeId), new ScriptedBaselineAgent(), new EpisodeAttempt(planned, 1, episodeId), options, Count, cancellationToken);
            Interlocked.Increment(ref _done);
            return (competition, steps[^1].Observation.BestRawScore);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            output.WriteLine($"\nepisode on {competition} failed: {e.Message}");
            return (competition, null);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private void Count(StepResult result)
    {
        Interlocked.Increment(ref _steps);
        if (result.Observation.Execution is not null) Interlocked.Increment(ref _executions);
    }

    private async Task ShowProgress(Stopwatch clock, CancellationToken stop)
    {
        var interactive = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        var lastPrinted = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(500, stop); } catch (OperationCanceledException) { return; }
            if (interactive) output.Write("\r" + Line(clock.Elapsed));
            else if (clock.Elapsed - lastPrinted >= TimeSpan.FromSeconds(10)) { output.WriteLine(Line(clock.Elapsed)); lastPrinted = clock.Elapsed; }
        }
    }

    private string Line(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"[{elapsed:mm\\:ss}] episodes: {Volatile.Read(ref _running)} running, {Volatile.Read(ref _done)} done, {Volatile.Read(ref _failed)} failed | " +
        $"steps {Volatile.Read(ref _steps)} ({Volatile.Read(ref _steps) / Math.Max(1, elapsed.TotalSeconds):0.0}/s) | executions {Volatile.Read(ref _executions)}   ");
}

public sealed record DemoSummary(int Episodes, int Done, int Failed, int Steps, int WithValidSubmission, TimeSpan Elapsed);

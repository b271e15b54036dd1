using System.Globalization;
using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Grains.Running;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Arena.Grains.Submissions;

/// <summary>The evaluation: pending episodes in order, a few at a time, platform failures retried, then the settle.</summary>
public sealed partial class SubmissionGrain
{
    private void StartRun()
    {
        if (_running is { IsCompleted: false }) return;
        _run = new CancellationTokenSource();
        // A running evaluation keeps its activation; the reminder brings it back if the silo dies.
        DelayDeactivation(TimeSpan.FromDays(1));
        _running = RunAsync(_run.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (Record.State == SubmissionState.Running && !cancellationToken.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, Record.Episodes.Count)
                    .Where(i => Record.Episodes[i].JobStatus == EpisodeJobStatus.Pending)
                    .Take(options.EpisodeConcurrency).ToArray();
                if (batch.Length == 0) break;
                await Task.WhenAll(batch.Select(i => PlayEpisodeAsync(i, cancellationToken)));
            }
            if (Record.State == SubmissionState.Running && !cancellationToken.IsCancellationRequested) await FinishAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Storage or a grain call failed outside an episode (a write lost to a stale activation's, after a silo
            // loss): this activation goes, and the next call or reminder tick resumes from what storage holds.
            logger.LogError(e, "Submission {Submission} stopped running; it resumes on its next activation", Id);
            DeactivateOnIdle();
        }
        finally
        {
            // A negative delay returns the activation to the regular idle collection.
            DelayDeactivation(TimeSpan.FromSeconds(-1));
        }
    }

    private async Task PlayEpisodeAsync(int i, CancellationToken cancellationToken)
    {
        var episode = Record.Episodes[i];
        var attempt = episode.Attempts + 1;
        var gridEpisodeId = $"arena.{Id}.d{Record.Deployment}.{episode.Competition}.e{episode.Index}.a{attempt}";
        Record.Episodes[i] = episode with { JobStatus = EpisodeJobStatus.Running, Attempts = attempt, GridEpisodeId = gridEpisodeId, Error = null };
        Log("episode", $"run: {Label(episode)} job_status=running attempt={attempt} episode={gridEpisodeId}");
        await PersistAsync();

        var outcome = await runner.PlayAsync(
            new AttemptRequest(Id, Record.Owner!, Record.Definition!, Record.Script ?? "", episode.Competition, episode.Index, attempt, gridEpisodeId),
            cancellationToken);
        if (Record.State != SubmissionState.Running) return;
        var scored = outcome.Error is null ? await ScoresOfAsync(i, gridEpisodeId) : null;
        Settle(i, scored is null && outcome.Error is null
            ? AttemptOutcome.Failed(ErrorSource.Platform, "unreachable", $"The grid episode {gridEpisodeId} could not be read back.")
            : outcome, scored);
        await PersistAsync();
        if (Record.Episodes[i].JobStatus == EpisodeJobStatus.Pending) await Task.Delay(options.RetryDelay * attempt, cancellationToken);
    }

    /// <summary>The grid episode's own record: its best scores, medal and steps, which the leaderboards show.</summary>
    private async Task<EpisodeSnapshot?> ScoresOfAsync(int i, string gridEpisodeId)
    {
        try { return await GrainFactory.GetGrain<IEpisodeGrain>(gridEpisodeId).GetSnapshot(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Submission {Submission} could not read episode {Episode}", Id, gridEpisodeId);
            return null;
        }
    }

    /// <summary>Records an attempt's end: completed, retried (platform failures with attempts left), or failed.</summary>
    private void Settle(int i, AttemptOutcome outcome, EpisodeSnapshot? scored = null)
    {
        var episode = Record.Episodes[i];
        if (outcome.Error is { } error)
        {
            var retry = error.Source == ErrorSource.Platform && episode.Attempts < options.MaxAttemptsPerEpisode;
            Record.Episodes[i] = episode with
            {
                JobStatus = retry ? EpisodeJobStatus.Pending : EpisodeJobStatus.Failed,
                Error = error,
                FinishedAt = retry ? null : clock.GetUtcNow(),
            };
            Log("error", $"{Source(error)} error[{error.Type}] in {Label(episode)} attempt {episode.Attempts}: {error.Message}");
            Log("episode", $"run: {Label(episode)} job_status={(retry ? "pending (platform failure: retrying)" : "failed")} attempt={episode.Attempts}");
            return;
        }
        Record.Episodes[i] = episode with
        {
            JobStatus = EpisodeJobStatus.Completed,
            Steps = scored!.StepsTaken,
            BestPositionScore = scored.BestPositionScore,
            BestRawScore = scored.BestRawScore,
            Medal = scored.BestMedal,
            StopReason = outcome.StopReason,
            FinishedAt = clock.GetUtcNow(),
        };
        var done = Record.Episodes[i];
        Log("episode", $"run: {Label(done)} job_status=completed steps={done.Steps} best_position_score={Number(done.BestPositionScore)} " +
                       $"best_raw_score={Number(done.BestRawScore)} medal={done.Medal ?? "none"} stop={done.StopReason} attempts={done.Attempts}");
    }

    private async Task FinishAsync()
    {
        var failed = Record.Episodes.FirstOrDefault(e => e.JobStatus == EpisodeJobStatus.Failed);
        if (failed is not null)
        {
            Record.Failure = failed.Error;
            SetState(SubmissionState.Failed, $"failed: {Source(failed.Error!)} error[{failed.Error!.Type}] in {Label(failed)}");
        }
        else
        {
            Record.ActiveSince = clock.GetUtcNow();
            var scores = Record.Episodes.Select(e => e.BestPositionScore ?? 0).ToArray();
            SetState(SubmissionState.Active, $"active: {Record.Episodes.Count} episodes, mean best position score {Number(scores.Average())}");
        }
        Record.Published = false;
        await PersistAsync();
        await PublishAsync();
    }

    /// <summary>Tells the queue, the owner and the leaderboards; idempotent, so a silo loss in between only repeats it.</summary>
    private async Task PublishAsync()
    {
        var board = GrainFactory.GetGrain<IArenaBoardGrain>("arena");
        if (Record.State == SubmissionState.Active)
            await board.Record(new BoardEntry
            {
                SubmissionId = Id,
                Owner = Record.Owner!,
                Name = Record.Definition!.Name ?? AttemptRunner.AgentName(Record.Definition),
                Tags = Record.Definition.Tags,
                ActiveSince = Record.ActiveSince ?? Record.UpdatedAt,
                Episodes = Record.Episodes.Select(e => new BoardEpisode
                {
                    Competition = e.Competition, BestPositionScore = e.BestPositionScore, BestRawScore = e.BestRawScore, Medal = e.Medal,
                }).ToArray(),
            });
        else
        {
            await board.Remove(Id);
            await GrainFactory.GetGrain<IArenaOwnerGrain>(Record.Owner!).Release(Id);
        }
        await GrainFactory.GetGrain<IArenaQueueGrain>(0).Remove(Id);
        await UnregisterReminderAsync();
        Record.Published = true;
        await PersistAsync();
    }

    private static string Label(SubmissionEpisode episode) => $"competition={episode.Competition} episode={episode.Index}";

    private static string Source(ArenaError error) => error.Source.ToString().ToLowerInvariant();

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
}

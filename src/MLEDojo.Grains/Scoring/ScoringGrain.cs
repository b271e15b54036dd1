using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using Orleans.Concurrency;

namespace MLEDojo.Grains.Scoring;

/// <summary>
/// Scores one competition's submissions (key: competition name). A stateless worker, so each silo scores with
/// its own local activations and its own cached scorer instead of queuing behind one activation; the metric runs
/// on the thread pool, never on the grain scheduler.
/// </summary>
[StatelessWorker]
public sealed class ScoringGrain(ScorerCache scorers) : Grain, IScoringGrain
{
    public async Task<SubmissionScore> Score(string submissionPath)
    {
        var competition = this.GetPrimaryKeyString();
        try
        {
            var scorer = await scorers.GetAsync(competition);
            var report = await Task.Run(() => scorer.Score(submissionPath));
            return SubmissionScores.From(report, scorer.Competition.HigherIsBetter);
        }
        catch (Exception e) when (e is CompetitionDataException or CompetitionNotFoundException)
        {
            // The competition's own files are at fault, not the submission: the agent gets an EvaluationError verdict.
            return SubmissionScores.EvaluationError(e.Message);
        }
    }
}

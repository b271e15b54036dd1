using System.Collections.Concurrent;
using MLEDojo.Abstractions;
using MLEDojo.Rollouts.Targets;

namespace MLEDojo.Rollouts.Tests.Infrastructure;

/// <summary>
/// A grid in memory for runner tests: every execute_code scores <see cref="ScoreOf"/> (a valid submission, with a
/// medal above 0.9); <see cref="Fault"/> may throw or stall for a given grid episode and step.
/// </summary>
public sealed class FakeTarget : IRolloutTarget
{
    public ConcurrentDictionary<string, int> Resets { get; } = new();
    public ConcurrentQueue<string> Closed { get; } = new();
    public Func<string, int, CancellationToken, Task>? Fault { get; init; }
    public Func<string, int, double> ScoreOf { get; init; } = (_, step) => Math.Min(1, 0.2 * step);

    public string Description => "fake grid";

    public IReadOnlyList<string> Envs { get; } = [RolloutEnvs.Mle];

    public IRolloutEpisode Open(string env, string gridEpisodeId) => new Episode(this, gridEpisodeId);

    private sealed class Episode(FakeTarget target, string id) : IRolloutEpisode
    {
        private EpisodeOptions _options = null!;
        private int _steps;
        private double? _best;

        public async Task<StepResult> ResetAsync(EpisodeOptions options, CancellationToken cancellationToken)
        {
            if (target.Fault is { } fault) await fault(id, 0, cancellationToken);
            target.Resets.AddOrUpdate(id, 1, (_, n) => n + 1);
            _options = options;
            return Result(new Observation { ActionStatus = Observation.Success, Feedback = "reset" }, 0, null);
        }

        public async Task<StepResult> StepAsync(EpisodeAction action, string requestId, CancellationToken cancellationToken)
        {
            if (target.Fault is { } fault) await fault(id, _steps + 1, cancellationToken);
            _steps++;
            if (action.Type != ActionType.ExecuteCode)
                return Result(new Observation { ActionStatus = Observation.Success, Feedback = "info", Info = new Dictionary<string, string> { ["data_path"] = "/data" } }, 0, null);
            var score = target.ScoreOf(id, _steps);
            _best = Math.Max(_best ?? 0, score);
            var execution = new ExecutionResult
            {
                Status = ExecutionStatus.Success,
                ExitCode = 0,
                Duration = TimeSpan.FromMilliseconds(30),
                QueueWait = TimeSpan.FromMilliseconds(5),
                Device = "cpu@fake",
                Submission = new SubmissionScore
                {
                    Valid = true, RawScore = score, PositionScore = score, Medal = score > 0.9 ? "gold" : null,
                    Private = new BoardStanding(10, 100, score), Public = new BoardStanding(10, 100, score), AboveMedian = score > 0.5,
                },
            };
            return Result(new Observation
            {
                ActionStatus = Observation.Success, Feedback = "scored", Execution = execution,
                CurrentRawScore = score, CurrentPositionScore = score, BestRawScore = _best, BestPositionScore = _best,
            }, score, null);
        }

        public Task CloseAsync(CancellationToken cancellationToken)
        {
            target.Closed.Enqueue(id);
            return Task.CompletedTask;
        }

        private StepResult Result(Observation observation, double reward, string? error) => new()
        {
            Observation = observation,
            Reward = reward,
            Done = _steps >= _options.MaxSteps,
            StepsTaken = _steps,
            StepsLeft = Math.Max(0, _options.MaxSteps - _steps),
            TimeLeft = TimeSpan.FromMinutes(50),
            Error = error,
            EpisodeId = id,
        };
    }
}

namespace MLEDojo.Gateway.Wire;

/// <summary>POST /grader's body: the episode, and optionally the task it is expected to be on.</summary>
public sealed record GraderRequest
{
    public required string EpisodeId { get; init; }
    public string? TaskId { get; init; }
}

/// <summary>POST /grader's answer (DataSelectEnv's, plus done: a grade before the end can still change).</summary>
public sealed record GraderResponse(string EpisodeId, string TaskId, double Score, IReadOnlyDictionary<string, double> Breakdown, bool Passed, bool Done);

/// <summary>GET /tasks: every data-select task and the action schema (DataSelectEnv's shape).</summary>
public sealed record TasksResponse(IReadOnlyList<WireTask> Tasks, object ActionSchema);

public sealed record WireTask(string TaskId, string Difficulty, string Description, string SuccessCriteria, double FlipY, int Budget, int MaxSteps, double StopThreshold, object ActionSchema);

/// <summary>GET /baseline: the fixed balanced agent on every task, seed 42.</summary>
public sealed record BaselineResponse(string BaselineAgent, long Seed, IReadOnlyDictionary<string, WireBaselineResult> Results);

public sealed record WireBaselineResult(double Score, bool Passed, IReadOnlyDictionary<string, double> Breakdown, double TotalReward, double FinalPerformance);

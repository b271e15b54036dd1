using System.Text.Json;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Rollouts.Targets;

/// <summary>The gateway's wire records back to the grid's contracts (the inverse of <see cref="WireMapper"/>), so agents see one shape wherever the grid is.</summary>
public static class WireReader
{
    public static StepResult StepResult(WireObservation o, double? reward, bool done, string episodeId, string requestId) => new()
    {
        Observation = new Observation
        {
            ActionStatus = o.ActionStatus,
            Feedback = o.Feedback,
            CurrentRawScore = o.CurrentRawScore,
            CurrentPositionScore = o.CurrentPositionScore,
            BestRawScore = o.BestRawScore,
            BestPositionScore = o.BestPositionScore,
            HistorySummary = o.HistorySummary,
            Info = o.Info,
            Execution = o.Execution is { } e ? Execution(e) : null,
            History = o.History?.Select(History).ToArray(),
        },
        Reward = reward ?? 0,
        Done = done,
        StepsTaken = o.StepsTaken,
        StepsLeft = o.StepsLeft,
        TimeLeft = TimeSpan.FromSeconds(o.TimeLeftS),
        Error = o.Error,
        RequestId = requestId,
        EpisodeId = episodeId,
    };

    public static WireAction Action(EpisodeAction action) => action.Type switch
    {
        ActionType.RequestInfo => new RequestInfoAction { InfoType = action.InfoType ?? "all" },
        ActionType.ValidateCode => new ValidateCodeAction { Code = action.Code ?? "" },
        ActionType.ExecuteCode => new ExecuteCodeAction { Code = action.Code ?? "" },
        _ => new GetHistoryAction(),
    };

    private static ExecutionResult Execution(WireExecution e) => new()
    {
        Status = Enum<ExecutionStatus>(e.Status),
        ExitCode = e.ExitCode,
        Stdout = e.Stdout,
        Stderr = e.Stderr,
        Duration = TimeSpan.FromSeconds(e.DurationS),
        ErrorClass = e.ErrorClass,
        QueueWait = TimeSpan.FromSeconds(e.QueueWaitS),
        QueuePosition = e.QueuePosition,
        Device = e.Device,
        Submission = e.Submission is { } s ? new SubmissionScore
        {
            Valid = s.Valid,
            ErrorType = s.ErrorType,
            Error = s.Error,
            RawScore = s.RawScore,
            Private = s.Private is { } p ? new BoardStanding(p.Position, p.Total, p.Score) : null,
            Public = s.Public is { } q ? new BoardStanding(q.Position, q.Total, q.Score) : null,
            PositionScore = s.PositionScore,
            Medal = s.Medal,
            AboveMedian = s.AboveMedian,
            HigherIsBetter = s.HigherIsBetter,
        } : null,
    };

    private static HistoryEntry History(WireHistoryEntry h) => new()
    {
        Step = h.Step,
        RequestId = h.RequestId,
        Action = new EpisodeAction { Type = Enum<ActionType>(h.ActionType), InfoType = h.InfoType, Code = h.Code },
        Result = new StepResult
        {
            Observation = new Observation { ActionStatus = h.ActionStatus, Feedback = h.Feedback, CurrentRawScore = h.CurrentRawScore },
            Reward = h.Reward,
            Error = h.Error,
        },
        StartedAt = h.StartedAt,
        Duration = TimeSpan.FromSeconds(h.DurationS),
    };

    /// <summary>A snake_case wire name (code_error, request_info) as its enum value.</summary>
    private static T Enum<T>(string name) where T : struct, System.Enum =>
        System.Enum.GetValues<T>().FirstOrDefault(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) == name);
}

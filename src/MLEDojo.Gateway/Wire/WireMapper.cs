using System.Text.Json;
using MLEDojo.Abstractions;

namespace MLEDojo.Gateway.Wire;

/// <summary>Grain contracts to wire records.</summary>
public static class WireMapper
{
    /// <summary>A refused step ran nothing, so it carries no reward (null), unlike a step that ran and earned 0.</summary>
    public static StepResponse Step(StepResult result) =>
        new(Observation(result), result.Error is null ? result.Reward : null, result.Done);

    public static WireObservation Observation(StepResult result)
    {
        var o = result.Observation;
        return new WireObservation
        {
            ActionStatus = o.ActionStatus,
            Feedback = o.Feedback,
            CurrentRawScore = o.CurrentRawScore,
            CurrentPositionScore = o.CurrentPositionScore,
            BestRawScore = o.BestRawScore,
            BestPositionScore = o.BestPositionScore,
            HistorySummary = o.HistorySummary,
            StepsTaken = result.StepsTaken,
            StepsLeft = result.StepsLeft,
            TimeLeftS = result.TimeLeft.TotalSeconds,
            Error = result.Error,
            Info = o.Info,
            Execution = o.Execution is { } e ? Execution(e) : null,
            History = o.History?.Select(History).ToArray(),
        };
    }

    public static EpisodeStateResponse State(EpisodeSnapshot snapshot) => new()
    {
        EpisodeId = snapshot.EpisodeId,
        StepCount = snapshot.StepsTaken,
        Status = EnumName(snapshot.Status),
        Competition = snapshot.Options?.Competition,
        AgentName = snapshot.Options?.AgentName,
        StepsLeft = snapshot.Options is { } options ? Math.Max(0, options.MaxSteps - snapshot.StepsTaken) : 0,
        TotalReward = snapshot.TotalReward,
        BestRawScore = snapshot.BestRawScore,
        BestPositionScore = snapshot.BestPositionScore,
        BestMedal = snapshot.BestMedal,
        CreatedAt = snapshot.CreatedAt,
        ExpiresAt = snapshot.ExpiresAt,
        ExpiryReason = snapshot.ExpiryReason,
    };

    private static WireExecution Execution(ExecutionResult e) => new()
    {
        Status = EnumName(e.Status),
        ExitCode = e.ExitCode,
        Stdout = e.Stdout,
        Stderr = e.Stderr,
        DurationS = e.Duration.TotalSeconds,
        ErrorClass = e.ErrorClass,
        QueueWaitS = e.QueueWait.TotalSeconds,
        QueuePosition = e.QueuePosition,
        Device = e.Device,
        Submission = e.Submission is { } s ? Submission(s) : null,
    };

    private static WireSubmission Submission(SubmissionScore s) => new()
    {
        Valid = s.Valid,
        ErrorType = s.ErrorType,
        Error = s.Error,
        RawScore = s.RawScore,
        Private = s.Private is { } p ? new WireStanding(p.Position, p.Total, p.Score) : null,
        Public = s.Public is { } q ? new WireStanding(q.Position, q.Total, q.Score) : null,
        PositionScore = s.PositionScore,
        Medal = s.Medal,
        AboveMedian = s.AboveMedian,
        HigherIsBetter = s.HigherIsBetter,
    };

    public static WireHistoryEntry History(HistoryEntry h) => new()
    {
        Step = h.Step,
        RequestId = h.RequestId,
        ActionType = EpisodeAction.WireName(h.Action.Type),
        InfoType = h.Action.InfoType,
        Code = h.Action.Code,
        ActionStatus = h.Result.Observation.ActionStatus,
        Feedback = h.Result.Observation.Feedback,
        CurrentRawScore = h.Result.Observation.CurrentRawScore,
        Reward = h.Result.Reward,
        Error = h.Result.Error,
        StartedAt = h.StartedAt,
        DurationS = h.Duration.TotalSeconds,
    };

    /// <summary>One line of an episode's trajectory: the action as sent and the answer as the agent saw it.</summary>
    public static TrajectoryStep Trajectory(HistoryEntry h) => new()
    {
        Step = h.Step,
        RequestId = h.RequestId,
        Action = new TrajectoryAction(EpisodeAction.WireName(h.Action.Type), h.Action.InfoType, h.Action.Code),
        Observation = Observation(h.Result),
        Reward = h.Result.Error is null ? h.Result.Reward : null,
        Done = h.Result.Done,
        StartedAt = h.StartedAt,
        DurationS = h.Duration.TotalSeconds,
    };

    public static string EnumName<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

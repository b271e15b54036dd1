using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Grains.Submissions;

/// <summary>A submission's persisted state: its definition and script, where it is in its lifecycle, every episode, its log.</summary>
[GenerateSerializer]
public sealed class SubmissionRecord
{
    [Id(0)] public string? Owner { get; set; }
    [Id(1)] public SubmissionDefinition? Definition { get; set; }
    [Id(2)] public string? Script { get; set; }
    [Id(3)] public SubmissionState State { get; set; }
    [Id(4)] public string Message { get; set; } = "";
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(7)] public List<string> Competitions { get; set; } = [];
    [Id(8)] public List<SubmissionEpisode> Episodes { get; set; } = [];
    [Id(9)] public ArenaError? Failure { get; set; }
    [Id(10)] public List<SubmissionEvent> Events { get; set; } = [];
    [Id(11)] public long LastSeq { get; set; }
    /// <summary>Incremented by each deploy, so a redeploy plays fresh grid episodes.</summary>
    [Id(12)] public int Deployment { get; set; }
    /// <summary>Whether the queue, the owner and the leaderboards have been told of the latest settle.</summary>
    [Id(13)] public bool Published { get; set; } = true;
    [Id(14)] public DateTimeOffset? ActiveSince { get; set; }
}

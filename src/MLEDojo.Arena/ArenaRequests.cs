using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena;

/// <summary>
/// POST /api/arena/submissions: the definition, optionally the agent script, and whether to deploy at once (the
/// one-call submit). Without <see cref="Deploy"/> each step is its own call.
/// </summary>
public sealed record CreateSubmissionRequest
{
    public required SubmissionDefinition Definition { get; init; }
    public string? Script { get; init; }
    public bool Deploy { get; init; }
}

/// <summary>PUT /api/arena/submissions/{id}/file: the agent script's text.</summary>
public sealed record UploadScriptRequest(string Script);

/// <summary>The answer to a deploy: 202 with the submission, or 409 with the refusal and the owner's limits.</summary>
public sealed record DeployResponse(string Message, SubmissionStatus Submission, ArenaLimits Limits);

/// <summary>A deploy the owner's limits refused (409): why, the limits, and the submission (created, not queued).</summary>
public sealed record LimitRefusal(string Error, ArenaLimits Limits, SubmissionStatus Submission);

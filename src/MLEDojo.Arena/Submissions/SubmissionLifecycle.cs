using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Submissions;

/// <summary>ML Arena's lifecycle rules: which phase a state is in, and what may happen next.</summary>
public static class SubmissionLifecycle
{
    public static string Phase(SubmissionState state) => state switch
    {
        SubmissionState.Created or SubmissionState.UploadFailed or SubmissionState.UploadValidated => "upload",
        SubmissionState.Queued or SubmissionState.Running => "deployment",
        SubmissionState.Active => "active",
        _ => "terminal",
    };

    /// <summary>An agent script may be (re)uploaded before the submission is deployed.</summary>
    public static bool IsUploadable(SubmissionState state) =>
        state is SubmissionState.Created or SubmissionState.UploadFailed or SubmissionState.UploadValidated;

    /// <summary>A validated submission may be deployed; a failed one may be deployed again (a fresh evaluation).</summary>
    public static bool IsDeployable(SubmissionState state) => state is SubmissionState.UploadValidated or SubmissionState.Failed;

    /// <summary>Nothing more will happen without the owner acting: tails end here.</summary>
    public static bool IsSettled(SubmissionState state) => state is not (SubmissionState.Queued or SubmissionState.Running);

    public static string Name(SubmissionState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}

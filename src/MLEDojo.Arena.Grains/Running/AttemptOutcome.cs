using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Grains.Running;

/// <summary>One attempt at one episode of a submission: which grid episode, for whom, with which settings.</summary>
public sealed record AttemptRequest(string SubmissionId, string Owner, SubmissionDefinition Definition, string Script,
    string Competition, int Index, int Attempt, string GridEpisodeId);

/// <summary>How an attempt ended: played to its end (scored or not), or failed with whose fault it was.</summary>
public sealed record AttemptOutcome(string? StopReason, ArenaError? Error)
{
    public static AttemptOutcome Completed(string stopReason) => new(stopReason, null);

    public static AttemptOutcome Failed(ErrorSource source, string type, string message) =>
        new(null, new ArenaError { Source = source, Type = type, Message = Trim(message) });

    /// <summary>Logs and statuses keep the end of a long message (a traceback's last lines say what happened).</summary>
    private static string Trim(string message) => message.Length <= 2000 ? message : "…" + message[^2000..];
}

/// <summary>An exception the submitted agent raised while deciding (not the grid's, not the environment's).</summary>
public sealed class AgentCrashedException(Exception inner) : Exception($"The agent raised {inner.GetType().Name}: {inner.Message}", inner);

/// <summary>
/// The LLM agent's model endpoint kept failing (unreachable, 5xx, 429) after the agent's own retries. The endpoint is
/// the submitter's, part of the agent's definition, so this is the agent's failure: the grid could neither have
/// avoided it nor fix it by retrying the episode (ML Arena likewise keeps job errors for its own pods and workers).
/// </summary>
public sealed class ModelEndpointFailedException(Exception inner) : Exception($"The agent's model endpoint failed: {inner.Message}", inner)
{
    public const string Type = "model_endpoint";
}

namespace MLEDojo.Competitions;

/// <summary>
/// The submission cannot be scored. The message is written for the agent: it says exactly what is wrong and,
/// where it helps, how to fix it. Never a crash: every caller turns it into an invalid verdict.
/// </summary>
public sealed class InvalidSubmissionException(string message) : Exception(message);

/// <summary>The competition's own files (answers, leaderboards, manifest) are missing or malformed.</summary>
public sealed class CompetitionDataException(string message, Exception? inner = null) : Exception(message, inner);

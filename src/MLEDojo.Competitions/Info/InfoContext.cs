namespace MLEDojo.Competitions.Info;

/// <summary>What an info provider may look at: the competition and the episode's output directory.</summary>
public sealed record InfoContext(Competition Competition, string OutputDirectory);

/// <summary>An unknown info type, or a provider that failed; the message lists the valid types.</summary>
public sealed class InfoException(string message) : Exception(message);

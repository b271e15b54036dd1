namespace MLEDojo.Client;

/// <summary>
/// Which failures of a grain call are worth retrying and how often. Retrying is safe because every step carries a
/// request id: the episode grain answers a repeated id from its record instead of running the action again.
/// </summary>
public sealed record StepRetryPolicy
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static StepRetryPolicy Default { get; } = new();

    public static StepRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>Infrastructure failures: a silo went away, a message was rejected or timed out in transit.</summary>
    public static bool IsTransient(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
        or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or ClientNotAvailableException;

    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, attempt - 1)));
}

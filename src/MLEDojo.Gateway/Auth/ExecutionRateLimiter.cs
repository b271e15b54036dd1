using System.Collections.Concurrent;

namespace MLEDojo.Gateway.Auth;

/// <summary>A sliding one-minute window of execution starts per key, in this process's memory.</summary>
public sealed class ExecutionRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _starts = new();

    /// <summary>Counts a start and answers null, or answers how long until the oldest start in the window leaves it.</summary>
    public TimeSpan? TryStart(string keyLookup, int perMinute)
    {
        var now = time.GetUtcNow();
        var starts = _starts.GetOrAdd(keyLookup, _ => new Queue<DateTimeOffset>());
        lock (starts)
        {
            while (starts.Count > 0 && now - starts.Peek() >= Window) starts.Dequeue();
            if (starts.Count >= perMinute) return starts.Peek() + Window - now;
            starts.Enqueue(now);
            return null;
        }
    }
}

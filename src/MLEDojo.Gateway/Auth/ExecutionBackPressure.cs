namespace MLEDojo.Gateway.Auth;

/// <summary>
/// Code-running steps this gateway process has in flight. Past the bound the grid's execution slots are queuing far
/// more than they run, so new episodes are refused (they would only add to the queue) while existing ones go on.
/// </summary>
public sealed class ExecutionBackPressure
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task<T> RunAsync<T>(Func<Task<T>> execution)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await execution();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

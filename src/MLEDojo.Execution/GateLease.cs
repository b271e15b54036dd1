namespace MLEDojo.Execution;

/// <summary>A slot held in a <see cref="FifoGate"/>; disposing it (once or more) frees the slot for the next waiter.</summary>
public sealed class GateLease : IDisposable, IAsyncDisposable
{
    private FifoGate? _gate;

    internal GateLease(FifoGate gate, int positionAtArrival, TimeSpan waited)
    {
        _gate = gate;
        PositionAtArrival = positionAtArrival;
        Waited = waited;
    }

    /// <summary>0 when admitted at once; otherwise the place in the queue on arrival (1 = next in line).</summary>
    public int PositionAtArrival { get; }

    /// <summary>Time from <see cref="FifoGate.EnterAsync"/> to admission.</summary>
    public TimeSpan Waited { get; }

    public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

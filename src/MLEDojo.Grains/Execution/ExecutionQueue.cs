namespace MLEDojo.Grains.Execution;

/// <summary>
/// A first-come-first-served gate with a fixed number of slots. Unlike <see cref="SemaphoreSlim"/>, waiters are
/// admitted strictly in arrival order, and each admission says how many were ahead and how long it waited, which
/// the agent sees in its execution result. Thread-safe.
/// </summary>
internal sealed class ExecutionQueue(int slots)
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private int _free = slots > 0 ? slots : throw new ArgumentOutOfRangeException(nameof(slots), "A queue needs at least one slot.");

    public int Waiting { get { lock (_gate) return _waiting.Count; } }

    /// <summary>Waits for a slot; dispose the returned slot to free it.</summary>
    public async Task<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        var arrived = DateTimeOffset.UtcNow;
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> node;
        int position;
        lock (_gate)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return new Slot(this, 0, TimeSpan.Zero);
            }
            position = _waiting.Count + 1;
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(turn);
        }
        await using (cancellationToken.Register(() => Abandon(node)))
            await turn.Task;
        return new Slot(this, position, DateTimeOffset.UtcNow - arrived);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node)
    {
        lock (_gate)
        {
            // Already admitted: the slot is the caller's and is freed when it disposes it.
            if (node.List is null) return;
            _waiting.Remove(node);
        }
        node.Value.TrySetCanceled();
    }

    private void Release()
    {
        TaskCompletionSource? next = null;
        lock (_gate)
        {
            if (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                next = first.Value;
            }
            else _free++;
        }
        next?.TrySetResult();
    }

    /// <summary>A held slot: where the holder stood in line when it arrived (0 = admitted at once) and how long it waited.</summary>
    public sealed class Slot(ExecutionQueue queue, int position, TimeSpan wait) : IDisposable
    {
        private int _released;
        public int Position { get; } = position;
        public TimeSpan Wait { get; } = wait;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) queue.Release();
        }
    }
}

using System.Diagnostics;

namespace MLEDojo.Execution;

/// <summary>
/// Admits at most <see cref="Capacity"/> holders at a time, and waiters strictly in the order they called
/// <see cref="EnterAsync"/> (SemaphoreSlim makes no such promise). Serializes executions on a GPU (capacity 1)
/// and bounds concurrent CPU executions on a silo (capacity N). Thread-safe.
/// </summary>
public sealed class FifoGate
{
    private readonly object _sync = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly TimeProvider _time;
    private int _running;

    public FifoGate(int capacity, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _time = timeProvider ?? TimeProvider.System;
    }

    public int Capacity { get; }

    /// <summary>Waiters not yet admitted.</summary>
    public int Queued
    {
        get { lock (_sync) return _queue.Count; }
    }

    /// <summary>Leases held and not yet disposed.</summary>
    public int Running
    {
        get { lock (_sync) return _running; }
    }

    /// <summary>
    /// Completes with a lease once a slot is free and every earlier waiter has been admitted. Cancellation while
    /// queued removes the waiter (the task is cancelled and holds no slot); once admitted, the lease is the
    /// caller's to dispose.
    /// </summary>
    public Task<GateLease> EnterAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<GateLease>(cancellationToken);

        var arrivedAt = _time.GetTimestamp();
        Waiter waiter;
        lock (_sync)
        {
            if (_running < Capacity && _queue.Count == 0)
            {
                _running++;
                return Task.FromResult(new GateLease(this, positionAtArrival: 0, waited: TimeSpan.Zero));
            }
            waiter = new Waiter(positionAtArrival: _queue.Count + 1, arrivedAt);
            waiter.Node = _queue.AddLast(waiter);
            // Registered under the lock so that Release always sees the registration it must undo. A token
            // cancelled since the check above runs Abandon right here, which is fine: the lock is re-entrant.
            waiter.Cancellation = cancellationToken.Register(() => Abandon(waiter, cancellationToken));
        }
        return waiter.Admission.Task;
    }

    internal void Release()
    {
        Waiter? next;
        lock (_sync)
        {
            if (_queue.First is { } first)
            {
                // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
                next = first.Value;
                _queue.RemoveFirst();
                next.Node = null;
            }
            else
            {
                next = null;
                _running--;
            }
        }
        if (next is null)
            return;
        // Unregister rather than Dispose: Dispose would wait for a cancellation callback that is waiting for us.
        next.Cancellation.Unregister();
        next.Admission.SetResult(new GateLease(this, next.PositionAtArrival, _time.GetElapsedTime(next.ArrivedAt)));
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            // Admitted already: the lease stands and is the caller's to dispose.
            if (waiter.Node is null)
                return;
            _queue.Remove(waiter.Node);
            waiter.Node = null;
        }
        waiter.Admission.SetCanceled(cancellationToken);
    }

    private sealed class Waiter(int positionAtArrival, long arrivedAt)
    {
        public int PositionAtArrival { get; } = positionAtArrival;
        public long ArrivedAt { get; } = arrivedAt;
        // Continuations run elsewhere, so admitting a waiter never runs its code inside Release or under the lock.
        public TaskCompletionSource<GateLease> Admission { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>The waiter's place in the queue; null once admitted or abandoned. Guarded by the gate's lock.</summary>
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Cancellation { get; set; }
    }
}

using System.Collections.Concurrent;
using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

public sealed class FifoGateTests
{
    [Fact]
    public async Task Waiters_are_admitted_in_arrival_order_and_newcomers_do_not_overtake()
    {
        var gate = new FifoGate(capacity: 1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var admitted = new ConcurrentQueue<int>();
        var positions = new ConcurrentDictionary<int, int>();
        Task? newcomer = null;

        async Task HoldBriefly(int id, Task<GateLease> entry)
        {
            await using var lease = await entry;
            admitted.Enqueue(id);
            positions[id] = lease.PositionAtArrival;
            // Arrives while the queue drains; must wait behind everyone already queued.
            if (id == 0)
                newcomer = HoldBriefly(100, gate.EnterAsync(CancellationToken.None));
            await Task.Yield();
        }

        var waiters = Enumerable.Range(0, 20).Select(id => HoldBriefly(id, gate.EnterAsync(CancellationToken.None))).ToList();
        Assert.Equal(20, gate.Queued);
        Assert.Equal(1, gate.Running);

        holder.Dispose();
        await Task.WhenAll(waiters);
        await newcomer!;

        Assert.Equal([.. Enumerable.Range(0, 20), 100], admitted);
        Assert.All(Enumerable.Range(0, 20), id => Assert.Equal(id + 1, positions[id]));
        Assert.Equal(20, positions[100]);
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Capacity_admits_that_many_at_once_and_queues_the_rest()
    {
        var gate = new FifoGate(capacity: 3);

        var first = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => gate.EnterAsync(CancellationToken.None)));
        var fourth = gate.EnterAsync(CancellationToken.None);

        Assert.All(first, lease => Assert.Equal(0, lease.PositionAtArrival));
        Assert.All(first, lease => Assert.Equal(TimeSpan.Zero, lease.Waited));
        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, gate.Running);
        Assert.Equal(1, gate.Queued);

        first[1].Dispose();
        using var admitted = await fourth;
        Assert.Equal(1, admitted.PositionAtArrival);
        Assert.Equal(3, gate.Running);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Concurrent_holders_never_exceed_the_capacity()
    {
        var gate = new FifoGate(capacity: 3);
        var inside = 0;
        var mostInside = 0;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            using var lease = await gate.EnterAsync(CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostInside, now);
            Assert.InRange(gate.Running, 1, 3);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
        })));

        Assert.Equal(3, mostInside);
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Cancelling_a_queued_waiter_removes_it_without_taking_a_slot()
    {
        var gate = new FifoGate(capacity: 1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(cancellation.Token);
        var next = gate.EnterAsync(CancellationToken.None);
        Assert.Equal(2, gate.Queued);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, gate.Queued);
        holder.Dispose();
        var lease = await next;
        Assert.Equal(2, lease.PositionAtArrival);
        Assert.Equal(1, gate.Running);
        lease.Dispose();
        Assert.Equal(0, gate.Running);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task An_already_cancelled_token_is_refused_even_when_a_slot_is_free()
    {
        var gate = new FifoGate(capacity: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(new CancellationToken(canceled: true)));
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.Queued);
    }

    [Fact]
    public async Task Lease_reports_the_time_waited()
    {
        var gate = new FifoGate(capacity: 1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var waiting = gate.EnterAsync(CancellationToken.None);

        await Task.Delay(200);
        holder.Dispose();
        using var lease = await waiting;

        Assert.True(lease.Waited >= TimeSpan.FromMilliseconds(150), $"waited {lease.Waited}");
    }

    [Fact]
    public async Task Disposing_a_lease_twice_frees_one_slot()
    {
        var gate = new FifoGate(capacity: 1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);

        holder.Dispose();
        await holder.DisposeAsync();

        using var admitted = await second;
        Assert.False(third.IsCompleted);
        Assert.Equal(1, gate.Running);
        Assert.Equal(1, gate.Queued);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

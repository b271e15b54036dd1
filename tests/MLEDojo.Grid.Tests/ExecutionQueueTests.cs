using MLEDojo.Grains.Execution;

namespace MLEDojo.Grid.Tests;

public sealed class ExecutionQueueTests
{
    [Fact]
    public async Task Waiters_are_admitted_in_arrival_order_with_their_place_in_line()
    {
        var queue = new ExecutionQueue(slots: 1);
        var first = await queue.EnterAsync(CancellationToken.None);
        Assert.Equal(0, first.Position);

        var admitted = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async i =>
        {
            using var slot = await queue.EnterAsync(CancellationToken.None);
            lock (admitted) admitted.Add(i);
            return slot.Position;
        }).ToArray();
        Assert.Equal(3, queue.Waiting);

        first.Dispose();
        var positions = await Task.WhenAll(waiters);
        Assert.Equal([1, 2, 3], positions);
        Assert.Equal([1, 2, 3], admitted);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task Capacity_bounds_how_many_hold_a_slot_and_a_cancelled_waiter_leaves_the_line()
    {
        var queue = new ExecutionQueue(slots: 2);
        using var a = await queue.EnterAsync(CancellationToken.None);
        var b = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(cancel.Token);
        var next = queue.EnterAsync(CancellationToken.None);
        Assert.Equal(2, queue.Waiting);

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, queue.Waiting);

        b.Dispose();
        b.Dispose(); // a second dispose must not free a second slot
        using var admitted = await next;
        Assert.Equal(2, admitted.Position);
        Assert.True(admitted.Wait > TimeSpan.Zero);
        Assert.False(queue.EnterAsync(CancellationToken.None).IsCompleted);
    }
}

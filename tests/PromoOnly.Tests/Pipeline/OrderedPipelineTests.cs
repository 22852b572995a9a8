using PromoOnly.Client;
using PromoOnly.Pipeline;

namespace PromoOnly.Tests.Pipeline;

public class OrderedPipelineTests
{
    private static int Wait(Task<int> task) => task.GetAwaiter().GetResult();

    [Fact]
    public void WritesInInputOrderWhileLaterItemsFinishFirst()
    {
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var pipeline = new OrderedPipeline<int, int>(5, (i, _) => gates[i].Task, CancellationToken.None);
        var written = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            pipeline.Add(i, Wait, written.Add);
        }

        // Everything but the head is done: nothing may be written yet.
        for (int i = 4; i >= 1; i--)
        {
            gates[i].SetResult(i * 10);
        }

        pipeline.WriteFinished(Wait, written.Add);
        Assert.Empty(written);

        gates[0].SetResult(0);
        pipeline.Drain(Wait, written.Add);
        Assert.Equal(new[] { 0, 10, 20, 30, 40 }, written);
    }

    [Fact]
    public void NeverRunsMoreThanTheThrottleLimitAtOnce()
    {
        int running = 0, peak = 0;
        async Task<int> Work(int i, CancellationToken cancel)
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(5 + (i * 7 % 11), cancel);
            Interlocked.Decrement(ref running);
            return i;
        }

        using var pipeline = new OrderedPipeline<int, int>(3, Work, CancellationToken.None);
        var written = new List<int>();
        for (int i = 0; i < 60; i++)
        {
            pipeline.Add(i, Wait, written.Add);
        }

        pipeline.Drain(Wait, written.Add);
        Assert.Equal(Enumerable.Range(0, 60), written);
        Assert.Equal(3, peak);
    }

    [Fact]
    public void HoldsAtMostTheBufferWhenTheHeadIsSlow()
    {
        var head = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pipeline = new OrderedPipeline<int, int>(2, (i, _) => i == 0 ? head.Task : Task.FromResult(i), CancellationToken.None, bufferPerSlot: 2);
        int maxPending = 0;
        var written = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            pipeline.Add(i, Wait, written.Add);
            maxPending = Math.Max(maxPending, pipeline.Pending);
        }

        Assert.Equal(4, pipeline.Pending);

        // The fifth item has to wait for the head: release it from the waiting side.
        pipeline.Add(4, t => { head.TrySetResult(0); return Wait(t); }, written.Add);
        pipeline.Drain(Wait, written.Add);
        Assert.Equal(4, maxPending);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, written);
    }

    [Fact]
    public void AKnownResultKeepsItsPlaceInTheOrder()
    {
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var pipeline = new OrderedPipeline<int, int>(2, (_, _) => slow.Task, CancellationToken.None);
        var written = new List<int>();
        pipeline.Add(1, Wait, written.Add);
        pipeline.AddResult(2, Wait, written.Add);
        Assert.Empty(written);

        slow.SetResult(1);
        pipeline.Drain(Wait, written.Add);
        Assert.Equal(new[] { 1, 2 }, written);
    }

    [Fact]
    public void CancellationEndsItemsStillWaitingForASlot()
    {
        using var stop = new CancellationTokenSource();
        var never = new TaskCompletionSource<int>();
        using var pipeline = new OrderedPipeline<int, int>(1, (_, c) => never.Task.WaitAsync(c), stop.Token);
        pipeline.Add(1, Wait, _ => { });
        pipeline.Add(2, Wait, _ => { });

        stop.Cancel();

        Assert.All(pipeline.Unwritten, t => Assert.ThrowsAny<OperationCanceledException>(() => t.GetAwaiter().GetResult()));
    }

    [Fact]
    public void AFailedItemGivesItsSlotToTheNextOne()
    {
        // One slot: if a failure (thrown before or after the work's first await) kept it, the
        // items behind would never run and Drain would wait for ever.
        async Task<int> Work(int i, CancellationToken cancel)
        {
            await Task.Yield();
            return i == 1 ? throw new InvalidOperationException("asynchronous") : i;
        }

        using var pipeline = new OrderedPipeline<int, int>(1, (i, c) => i == 0 ? throw new InvalidOperationException("before any task") : Work(i, c), CancellationToken.None);
        var failures = new List<string>();
        var written = new List<int>();
        int Observe(Task<int> task)
        {
            try
            {
                return Wait(task);
            }
            catch (InvalidOperationException failure)
            {
                failures.Add(failure.Message);
                return -1;
            }
        }

        for (int i = 0; i < 4; i++)
        {
            pipeline.Add(i, Observe, written.Add);
        }

        pipeline.Drain(Observe, written.Add);
        Assert.Equal(new[] { -1, -1, 2, 3 }, written);
        Assert.Equal(new[] { "before any task", "asynchronous" }, failures);
        Assert.Equal(0, pipeline.Running);
    }

    [Fact]
    public void ItemsCancelledWhileWaitingNeverStart()
    {
        using var stop = new CancellationTokenSource();
        var started = new List<int>();
        var never = new TaskCompletionSource<int>();
        using var pipeline = new OrderedPipeline<int, int>(2, (i, c) =>
        {
            lock (started)
            {
                started.Add(i);
            }

            return never.Task.WaitAsync(c);
        }, stop.Token);
        for (int i = 0; i < 6; i++)
        {
            pipeline.Add(i, Wait, _ => { });
        }

        stop.Cancel();

        Assert.All(pipeline.Unwritten, t => Assert.ThrowsAny<OperationCanceledException>(() => t.GetAwaiter().GetResult()));
        Assert.Equal(new[] { 0, 1 }, started.OrderBy(i => i));

        // And nothing added after Ctrl+C starts either.
        pipeline.Add(6, _ => 0, _ => { });
        Assert.Equal(2, started.Count);
    }

    [Fact]
    public void EveryItemRunsOnceWhenSlotsFinishWhileTheWriterAdds()
    {
        // Work that ends at once, after a yield, or on a timer, so slots give themselves back while
        // the writer queues more: no item may be lost, run twice, or run beyond the limit.
        int running = 0, peak = 0;
        var runs = new int[3000];
        async Task<int> Work(int i, CancellationToken cancel)
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Interlocked.Increment(ref runs[i]);
            switch (i % 3)
            {
                case 0:
                    break;
                case 1:
                    await Task.Yield();
                    break;
                default:
                    await Task.Delay(1, cancel);
                    break;
            }

            Interlocked.Decrement(ref running);
            return i;
        }

        using var pipeline = new OrderedPipeline<int, int>(4, Work, CancellationToken.None, bufferPerSlot: 4);
        var written = new List<int>();
        for (int i = 0; i < runs.Length; i++)
        {
            pipeline.Add(i, Wait, written.Add);
        }

        pipeline.Drain(Wait, written.Add);
        Assert.Equal(Enumerable.Range(0, runs.Length), written);
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.InRange(peak, 1, 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

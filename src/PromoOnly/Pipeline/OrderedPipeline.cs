using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Pipeline;

/// <summary>
/// The one request pipeline every per-track command uses (lookups and downloads alike): at most
/// <see cref="ThrottleLimit"/> items are worked on at once, results leave in input order as soon as
/// the oldest is done, and at most <see cref="BufferPerSlot"/> × ThrottleLimit items are held, so
/// memory stays flat however many ids stream through. It knows nothing of PowerShell: the caller
/// says how to wait for a result (a cmdlet waits on its pipeline thread, forwarding log lines) and
/// what to do with each one, so output is written only by whoever calls <see cref="Add"/>.
/// </summary>
/// <remarks>
/// Items beyond the limit wait in a lock-free queue, and whichever item finishes starts the next
/// one on its own thread. A semaphore per item (an async waiter, a cancellation registration and a
/// thread-pool hand-off each), and then a lock shared with the pipeline thread, were among the
/// largest costs in CPU profiles of 1,000-id lookups on two cores (README, Performance).
/// </remarks>
internal sealed class OrderedPipeline<TIn, TOut> : IDisposable
{
    /// <summary>Finished-but-unwritten results may pile up behind a slow head; this many per slot, then wait.</summary>
    public const int BufferPerSlot = 8;

    private readonly Func<TIn, CancellationToken, Task<TOut>> _work;
    private readonly CancellationToken _cancel;
    private readonly OrderedResults<TOut> _pending;

    // Items accepted while every slot was taken, oldest first. No lock: the pipeline thread adds
    // while slots finish on other threads, and a contended lock cost more than the semaphore did.
    private readonly ConcurrentQueue<Waiting> _waiting = new();
    private readonly CancellationTokenRegistration _onCancel;

    // Slots taken; a slot runs one item, then the waiting ones, until the queue is empty.
    private int _running;

    public OrderedPipeline(int throttleLimit, Func<TIn, CancellationToken, Task<TOut>> work, CancellationToken cancel, int bufferPerSlot = BufferPerSlot)
    {
        if (throttleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one item must be allowed in flight.");
        }

        ThrottleLimit = throttleLimit;
        _work = work;
        _cancel = cancel;
        _pending = new OrderedResults<TOut>(Math.Max(throttleLimit, throttleLimit * bufferPerSlot));

        // Items still waiting for a slot end at once; those running see the token themselves.
        _onCancel = cancel.Register(static state => ((OrderedPipeline<TIn, TOut>)state!).CancelWaiting(), this);
    }

    public int ThrottleLimit { get; }

    /// <summary>Items whose work holds a slot right now (not those waiting for one, nor finished ones).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Items accepted and not yet handed to the writer.</summary>
    public int Pending => _pending.Count;

    /// <summary>Everything not yet written, so a command that ends early can wait for it to stop.</summary>
    public IEnumerable<Task> Unwritten => _pending.All;

    /// <summary>
    /// Starts work on <paramref name="item"/> and writes every result that is ready at the head, in
    /// input order. When the buffer is full it first waits for the head, which is what bounds memory.
    /// </summary>
    public void Add(TIn item, Func<Task<TOut>, TOut> wait, Action<TOut> write) =>
        Enqueue(Start(item), wait, write);

    /// <summary>An item whose result is known without any work (a skipped file, say): it still keeps its place in the order.</summary>
    public void AddResult(TOut result, Func<Task<TOut>, TOut> wait, Action<TOut> write) =>
        Enqueue(Task.FromResult(result), wait, write);

    /// <summary>Waits for and writes everything still pending, in input order.</summary>
    public void Drain(Func<Task<TOut>, TOut> wait, Action<TOut> write)
    {
        while (_pending.Head is not null)
        {
            write(wait(_pending.TakeHead()));
        }
    }

    /// <summary>Writes the finished results at the head without waiting for anything.</summary>
    public void WriteFinished(Func<Task<TOut>, TOut> wait, Action<TOut> write)
    {
        while (_pending.TryTakeFinishedHead(out Task<TOut> finished))
        {
            write(wait(finished));
        }
    }

    public void Dispose() => _onCancel.Dispose();

    private void Enqueue(Task<TOut> work, Func<Task<TOut>, TOut> wait, Action<TOut> write)
    {
        if (_pending.IsFull)
        {
            write(wait(_pending.TakeHead()));
        }

        _pending.Add(work);
        WriteFinished(wait, write);
    }

    /// <summary>The item's result: its work starts here when a slot is free, else when one frees up.</summary>
    private Task<TOut> Start(TIn item)
    {
        // Completions run inline: the only continuation is the writer's wake-up, which is cheap.
        var result = new TaskCompletionSource<TOut>();
        if (_cancel.IsCancellationRequested)
        {
            result.TrySetCanceled(_cancel);
            return result.Task;
        }

        // Older items that wait go first; runs on the caller's thread up to the work's first await,
        // as a plain async call would.
        if (_waiting.IsEmpty && TryClaimSlot())
        {
            _ = RunSlotAsync(new Waiting(item, result));
            return result.Task;
        }

        _waiting.Enqueue(new Waiting(item, result));

        // Every slot may have been given back between the claim above and the enqueue: an item
        // must never wait with no slot left to run it.
        if (TryClaimSlot() && TryTakeNext(out Waiting next))
        {
            _ = RunSlotAsync(next);
        }

        return result.Task;
    }

    /// <summary>One slot: its first item, then each waiting item in turn until none is left.</summary>
    private async Task RunSlotAsync(Waiting current)
    {
        do
        {
            try
            {
                _cancel.ThrowIfCancellationRequested();

                // Off the caller's thread from the first await on: the caller is the pipeline thread.
                current.Result.TrySetResult(await _work(current.Item, _cancel).ConfigureAwait(false));
            }
            catch (OperationCanceledException cancelled)
            {
                current.Result.TrySetCanceled(cancelled.CancellationToken);
            }
            catch (Exception failure)
            {
                current.Result.TrySetException(failure);
            }
        }
        while (TryTakeNext(out current));
    }

    /// <summary>Takes a free slot if fewer than <see cref="ThrottleLimit"/> are taken.</summary>
    private bool TryClaimSlot()
    {
        int taken;
        while ((taken = Volatile.Read(ref _running)) < ThrottleLimit)
        {
            if (Interlocked.CompareExchange(ref _running, taken + 1, taken) == taken)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For the holder of a slot: the next waiting item (the slot stays taken), or false once the
    /// slot is given back with nothing waiting. After giving it back it looks once more, since an
    /// item queued meanwhile may have found every slot taken.
    /// </summary>
    private bool TryTakeNext(out Waiting next)
    {
        while (true)
        {
            if (_waiting.TryDequeue(out next))
            {
                return true;
            }

            Interlocked.Decrement(ref _running);
            if (_waiting.IsEmpty || !TryClaimSlot())
            {
                return false;
            }
        }
    }

    private void CancelWaiting()
    {
        while (_waiting.TryDequeue(out Waiting waiting))
        {
            waiting.Result.TrySetCanceled(_cancel);
        }
    }

    private readonly struct Waiting
    {
        public Waiting(TIn item, TaskCompletionSource<TOut> result)
        {
            Item = item;
            Result = result;
        }

        public TIn Item { get; }

        public TaskCompletionSource<TOut> Result { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Pipeline;

/// <summary>
/// The one request pipeline every per-track command uses (lookups and downloads alike): at most
/// <c>throttleLimit</c> items are worked on at once, results leave in input order as soon as
/// the oldest is done, and at most <see cref="BufferPerSlot"/> × throttleLimit items are held, so
/// memory stays flat however many ids stream through. It knows nothing of PowerShell: the caller
/// says how to wait for a result (a cmdlet waits on its pipeline thread, forwarding log lines) and
/// what to do with each one, so output is written only by whoever calls <see cref="Add"/>.
/// </summary>
internal sealed class OrderedPipeline<TIn, TOut> : IDisposable
{
    /// <summary>Finished-but-unwritten results may pile up behind a slow head; this many per slot, then wait.</summary>
    public const int BufferPerSlot = 8;

    private readonly Func<TIn, CancellationToken, Task<TOut>> _work;
    private readonly CancellationToken _cancel;
    private readonly SemaphoreSlim _slots;
    private readonly OrderedResults<TOut> _pending;

    public OrderedPipeline(int throttleLimit, Func<TIn, CancellationToken, Task<TOut>> work, CancellationToken cancel, int bufferPerSlot = BufferPerSlot)
    {
        if (throttleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one item must be allowed in flight.");
        }

        _work = work;
        _cancel = cancel;
        _slots = new SemaphoreSlim(throttleLimit, throttleLimit);
        _pending = new OrderedResults<TOut>(Math.Max(throttleLimit, throttleLimit * bufferPerSlot));
    }

    /// <summary>Items accepted and not yet handed to the writer.</summary>
    public int Pending => _pending.Count;

    /// <summary>Everything not yet written, so a command that ends early can wait for it to stop.</summary>
    public IEnumerable<Task> Unwritten => _pending.All;

    /// <summary>
    /// Starts work on <paramref name="item"/> and writes every result that is ready at the head, in
    /// input order. When the buffer is full it first waits for the head, which is what bounds memory.
    /// </summary>
    public void Add(TIn item, Func<Task<TOut>, TOut> wait, Action<TOut> write) =>
        Enqueue(RunAsync(item), wait, write);

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

    public void Dispose() => _slots.Dispose();

    private void Enqueue(Task<TOut> work, Func<Task<TOut>, TOut> wait, Action<TOut> write)
    {
        if (_pending.IsFull)
        {
            write(wait(_pending.TakeHead()));
        }

        _pending.Add(work);
        WriteFinished(wait, write);
    }

    private async Task<TOut> RunAsync(TIn item)
    {
        await _slots.WaitAsync(_cancel).ConfigureAwait(false);
        try
        {
            // Off the caller's thread from the first await on: the caller is the pipeline thread.
            return await _work(item, _cancel).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}

using System.Collections.Generic;
using System.Threading.Tasks;

namespace PromoOnly.Pipeline;

/// <summary>
/// Lookups in flight, in input order. Work completes in any order, but results leave only from the
/// head, so output keeps the input's order while later lookups already run. The capacity bounds
/// memory however many ids stream through.
/// </summary>
internal sealed class OrderedResults<T>
{
    private readonly Queue<Task<T>> _pending = new();

    public OrderedResults(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    public int Count => _pending.Count;

    public bool IsFull => _pending.Count >= Capacity;

    /// <summary>The oldest lookup, the next to be written; null when none is pending.</summary>
    public Task<T>? Head => _pending.Count > 0 ? _pending.Peek() : null;

    public IEnumerable<Task<T>> All => _pending;

    public void Add(Task<T> lookup) => _pending.Enqueue(lookup);

    /// <summary>Takes the head if it has finished; never takes a later one before it.</summary>
    public bool TryTakeFinishedHead(out Task<T> finished)
    {
        if (_pending.Count > 0 && _pending.Peek().IsCompleted)
        {
            finished = _pending.Dequeue();
            return true;
        }

        finished = null!;
        return false;
    }

    public Task<T> TakeHead() => _pending.Dequeue();
}

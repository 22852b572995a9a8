using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PromoOnly.Downloads;

/// <summary>One download in flight, as progress shows it. Updated by the transfer, read by the pipeline thread.</summary>
internal sealed class TransferProgress
{
    private long _received;
    private long _total = -1;

    public TransferProgress(long trackId, string name, int slot)
    {
        TrackId = trackId;
        Name = name;
        Slot = slot;
    }

    public long TrackId { get; }

    public string Name { get; }

    /// <summary>A small stable number for the child progress record's id.</summary>
    public int Slot { get; }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>The file's full size once a response told it; -1 until then.</summary>
    public long Total => Interlocked.Read(ref _total);

    public void SetTotal(long total) => Interlocked.Exchange(ref _total, total);

    public void SetReceived(long received) => Interlocked.Exchange(ref _received, received);
}

/// <summary>Every download in flight plus the batch's byte count: the shared board progress is drawn from.</summary>
internal sealed class ProgressBoard
{
    private readonly ConcurrentDictionary<int, TransferProgress> _active = new();
    private readonly ConcurrentQueue<int> _freeSlots = new();
    private int _nextSlot;
    private long _bytes;

    /// <summary>Bytes received by every transfer of this command so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public IEnumerable<TransferProgress> Active => _active.Values;

    public TransferProgress Begin(long trackId, string name)
    {
        int slot = _freeSlots.TryDequeue(out int free) ? free : Interlocked.Increment(ref _nextSlot);
        var progress = new TransferProgress(trackId, name, slot);
        _active[slot] = progress;
        return progress;
    }

    public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

    public void End(TransferProgress progress)
    {
        if (_active.TryRemove(progress.Slot, out _))
        {
            _freeSlots.Enqueue(progress.Slot);
        }
    }
}

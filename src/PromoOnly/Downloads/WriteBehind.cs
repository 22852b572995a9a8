using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Downloads;

/// <summary>
/// Lets a download's reader run ahead of the disk and the hash. Each filled buffer is handed to one
/// store chain that writes and hashes the buffers in the order they came (<see cref="PartialFile.WriteAsync"/>),
/// and the reader goes on filling the next free buffer; it waits only when <see cref="Depth"/>
/// buffers are all still being stored. With two buffers taking turns, every hiccup of the disk or the
/// scheduler on two busy cores stopped the socket reads; four keep them going (1 MiB a transfer), and
/// one or two transfers alone get eight (<see cref="DepthFor"/>).
/// </summary>
internal sealed class WriteBehind
{
    public const int MinDepth = 4;

    public const int MaxDepth = 8;

    // Buffers a run's transfers share between them: 4 MiB, whatever -ThrottleLimit is.
    private const int SharedBuffers = 16;

    private readonly Func<byte[], int, Task> _store;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<(Task Stored, byte[] Buffer)> _inFlight = new();
    private Task _tail = Task.CompletedTask;

    /// <param name="store">Writes and hashes the first count bytes of a buffer (<see cref="PartialFile.WriteAsync"/>); called in order, one at a time.</param>
    /// <param name="depth">How many buffers the reader may have handed over and not yet stored, <see cref="MinDepth"/> to <see cref="MaxDepth"/>.</param>
    public WriteBehind(Func<byte[], int, Task> store, CancellationToken cancellationToken, int depth = MinDepth)
    {
        Depth = Bounded(depth);
        _store = store;
        _cancellationToken = cancellationToken;
        Buffer = BufferPool.Rent();
    }

    public int Depth { get; }

    /// <summary>
    /// The depth for each of <paramref name="transfersAtOnce"/> transfers: eight buffers for one or two (a
    /// 200 MiB save took 0.324 s against 0.389 s with four, median of 8 alternating pairs on 2 cores; README,
    /// Performance), four from four on, where the cores are busy with the other transfers anyway and eight
    /// gained nothing for 200 files at 8 in flight.
    /// </summary>
    public static int DepthFor(int transfersAtOnce) => Bounded(SharedBuffers / Math.Max(1, transfersAtOnce));

    private static int Bounded(int depth) => Math.Max(MinDepth, Math.Min(MaxDepth, depth));

    /// <summary>The buffer the reader fills next; never one that a store still uses.</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Hands the first <paramref name="count"/> bytes of <see cref="Buffer"/> to the store chain; throws the first store failure.</summary>
    public async Task HandOverAsync(int count)
    {
        byte[] chunk = Buffer;
        Task previous = _tail;
        Func<byte[], int, Task> store = _store;
        _tail = Task.Run(
            async () =>
            {
                // In order: a buffer is written only after every earlier one, and a failure passes down the chain.
                await previous.ConfigureAwait(false);
                await store(chunk, count).ConfigureAwait(false);
            },
            _cancellationToken);
        _inFlight.Enqueue((_tail, chunk));
        if (_inFlight.Count < Depth)
        {
            Buffer = BufferPool.Rent();
            return;
        }

        (Task stored, byte[] oldest) = _inFlight.Dequeue();
        try
        {
            await stored.ConfigureAwait(false);
        }
        finally
        {
            Buffer = oldest;
        }
    }

    /// <summary>Waits until every byte handed over is in the file (and the hash); throws the first store failure.</summary>
    public Task DrainAsync() => _tail;

    /// <summary>Waits for the stores to end, whatever their outcome, then gives every buffer back to the pool.</summary>
    public async Task ReleaseAsync()
    {
        try
        {
            await _tail.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported on the path that stopped the reader, or superseded by its exception.
        }

        BufferPool.Return(Buffer);
        while (_inFlight.Count > 0)
        {
            BufferPool.Return(_inFlight.Dequeue().Buffer);
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace PromoOnly.Emulator.Media;

/// <summary>One POST /download/success the API accepted, as GET /_emulator/downloads shows it.</summary>
public sealed record SuccessSignal(
    [property: JsonPropertyName("trackid")] string TrackId,
    [property: JsonPropertyName("serverid")] string ServerId,
    [property: JsonPropertyName("dl_token")] string DlToken,
    [property: JsonPropertyName("time")] DateTimeOffset Time);

/// <summary>
/// What the media hosts did: requests, the most that were in flight at once (so a test can prove a
/// client's concurrency limit), bytes sent, each track's request numbering (for cut-once faults), and
/// the success signals received. DELETE /_emulator/stats clears it all.
/// </summary>
internal sealed class MediaStats
{
    private const int MaxSignals = 10_000;

    private readonly ConcurrentDictionary<int, StrongBox<long>> requestsPerTrack = new();
    private readonly ConcurrentDictionary<int, StrongBox<long>> signalsPerTrack = new();
    private readonly ConcurrentQueue<SuccessSignal> signals = new();
    private long requests;
    private long inFlight;
    private long maxInFlight;
    private long bytes;
    private long tlsHellos;

    public long Requests => Interlocked.Read(ref requests);

    public long MaxInFlight => Interlocked.Read(ref maxInFlight);

    public long Bytes => Interlocked.Read(ref bytes);

    public long TlsHellos => Interlocked.Read(ref tlsHellos);

    public long Successes => signals.Count;

    /// <summary>Counts a media request in flight until the returned scope is disposed; gives the track's request number.</summary>
    public (IDisposable Scope, long Number) Begin(int trackId)
    {
        Interlocked.Increment(ref requests);
        long now = Interlocked.Increment(ref inFlight);
        long seen;
        while ((seen = Interlocked.Read(ref maxInFlight)) < now && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        long number = Interlocked.Increment(ref requestsPerTrack.GetOrAdd(trackId, static _ => new StrongBox<long>()).Value);
        return (new Leave(this), number);
    }

    /// <summary>Numbers the success signals a track receives (1, 2, …), accepted or not, for the signal fault tracks.</summary>
    public long NextSignal(int trackId) => Interlocked.Increment(ref signalsPerTrack.GetOrAdd(trackId, static _ => new StrongBox<long>()).Value);

    public void CountBytes(long sent) => Interlocked.Add(ref bytes, sent);

    public void CountTlsHello() => Interlocked.Increment(ref tlsHellos);

    public void RecordSuccess(SuccessSignal signal)
    {
        signals.Enqueue(signal);
        while (signals.Count > MaxSignals && signals.TryDequeue(out _))
        {
        }
    }

    public SuccessSignal[] Signals() => signals.ToArray();

    public void Reset()
    {
        requestsPerTrack.Clear();
        signalsPerTrack.Clear();
        signals.Clear();
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref maxInFlight, Interlocked.Read(ref inFlight));
        Interlocked.Exchange(ref bytes, 0);
        Interlocked.Exchange(ref tlsHellos, 0);
    }

    private sealed class Leave(MediaStats stats) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Decrement(ref stats.inFlight);
            }
        }
    }
}

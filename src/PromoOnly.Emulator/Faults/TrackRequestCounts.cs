using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PromoOnly.Emulator.Faults;

/// <summary>
/// How many authenticated requests each track has had, for faults that change over time
/// (throttletwice, retryafterdate) and for --fault-rate. Only those tracks are counted, so
/// the table stays small. DELETE /_emulator/stats clears it, so a later test can start afresh.
/// </summary>
internal sealed class TrackRequestCounts
{
    private readonly ConcurrentDictionary<int, StrongBox<long>> counts = new();

    /// <summary>Counts one more request for the track and returns its number: 1, 2, 3, …</summary>
    public long Next(int trackId) =>
        Interlocked.Increment(ref counts.GetOrAdd(trackId, static _ => new StrongBox<long>()).Value);

    public void Reset() => counts.Clear();
}

using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Media;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// What DELETE /_emulator/stats (and RunningEmulator.ResetStats) clears: the call counters and
/// the per-track request numbers, so a stateful fault track such as throttletwice starts afresh,
/// the mirrors' request counts, the silent mirrors' connection count, the media controls
/// (file-name overrides, holds) and the --endpoint-fault request counts.
/// </summary>
internal sealed class StatsReset(CallCounters counters, TrackRequestCounts requestCounts, MirrorFleet mirrors, SilentMirrors silent, MediaStats media, DownloadTickets tickets, MediaControls controls, EndpointFaults endpointFaults)
{
    /// <summary>The call counters merged with the media hosts' figures: what GET /_emulator/stats shows.</summary>
    public EmulatorStats Snapshot() => counters.Snapshot() with
    {
        DownloadsAcknowledged = media.Successes,
        MediaRequests = media.Requests,
        MediaMaxConcurrent = media.MaxInFlight,
        MediaBytes = media.Bytes,
        MediaTlsHellos = media.TlsHellos,
        SilentConnections = silent.Connections,
        SilentMediaRequests = silent.MediaRequests,
        SilentTlsHellos = silent.TlsHellos,
    };

    public void Reset()
    {
        media.Reset();
        controls.Reset();
        tickets.ResetNumbering();
        counters.Reset();
        requestCounts.Reset();
        mirrors.ResetCounts();
        silent.ResetCount();
        endpointFaults.ResetCounts();
    }
}

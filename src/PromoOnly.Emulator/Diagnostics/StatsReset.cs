using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Mirrors;

namespace PromoOnly.Emulator.Diagnostics;

/// <summary>
/// What DELETE /_emulator/stats (and RunningEmulator.ResetStats) clears: the call counters and
/// the per-track request numbers, so a stateful fault track such as throttletwice starts afresh,
/// the mirrors' request counts and the silent mirrors' connection count.
/// </summary>
internal sealed class StatsReset(CallCounters counters, TrackRequestCounts requestCounts, MirrorFleet mirrors, SilentMirrors silent)
{
    public void Reset()
    {
        counters.Reset();
        requestCounts.Reset();
        mirrors.ResetCounts();
        silent.ResetCount();
    }
}

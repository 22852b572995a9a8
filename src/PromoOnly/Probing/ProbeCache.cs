using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Probing;

/// <summary>
/// Probe results per host for the whole process, for ten minutes. Concurrent askers share one probe
/// in flight, so a thousand tracks on the same three mirrors cost three probes, not three thousand.
/// </summary>
internal sealed class ProbeCache
{
    public static readonly ProbeCache Shared = new(TimeSpan.FromMinutes(10));

    private readonly Dictionary<string, Task<ProbeResult>> _probes = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _lifetime;

    public ProbeCache(TimeSpan lifetime) => _lifetime = lifetime;

    /// <summary>
    /// The probe of <paramref name="host"/>: one in flight, or one measured since <paramref name="notBefore"/>
    /// and within the cache lifetime; otherwise a new one from <paramref name="probe"/>.
    /// </summary>
    public Task<ProbeResult> GetAsync(string host, DateTime notBefore, Func<Task<ProbeResult>> probe, CancellationToken cancellationToken)
    {
        Task<ProbeResult> shared;
        lock (_probes)
        {
            if (!_probes.TryGetValue(host, out shared!) || !IsUsable(shared, notBefore))
            {
                // Not tied to this caller's Ctrl+C: other askers may be waiting for the same probe.
                shared = probe();
                _probes[host] = shared;
            }
        }

        return shared.WaitAsync(cancellationToken);
    }

    private bool IsUsable(Task<ProbeResult> probe, DateTime notBefore)
    {
        if (!probe.IsCompleted)
        {
            return true;
        }

        return probe.Status == TaskStatus.RanToCompletion
            && probe.Result.MeasuredAt >= notBefore
            && DateTime.UtcNow - probe.Result.MeasuredAt < _lifetime;
    }
}

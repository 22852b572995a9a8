using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Probing;

/// <summary>Measures servers through the shared probe cache and picks the fastest reachable one.</summary>
internal sealed class MirrorRanking
{
    /// <summary>
    /// How many of one track's servers are measured at all. The API lists three or so; a hostile
    /// answer may list hundreds, and probing each would cost a socket and a timeout apiece.
    /// </summary>
    public const int MaxHostsPerTrack = 16;

    private readonly MirrorProber _prober;
    private readonly ProbeCache _cache;
    private readonly int _samples;
    private readonly TimeSpan _timeout;
    private readonly DateTime _notBefore;
    private readonly IPoolLog _log;
    private readonly ConcurrentDictionary<string, bool> _reportedUnreachable = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="notBefore">Cached results measured earlier are ignored (-Force passes the command's start).</param>
    /// <param name="log">The asking command's log; only the asker's own continuations write to it, never the shared probe.</param>
    public MirrorRanking(MirrorProber prober, ProbeCache cache, int samples, TimeSpan timeout, DateTime notBefore, IPoolLog log)
    {
        _prober = prober;
        _cache = cache;
        _samples = samples;
        _timeout = timeout;
        _notBefore = notBefore;
        _log = log;
    }

    /// <summary>A new server object with the measured (or recently cached) latency; <paramref name="server"/> is left as it was.</summary>
    public async Task<DownloadServer> MeasureAsync(DownloadServer server, CancellationToken cancellationToken)
    {
        string host = server.Host;
        ProbeResult result = await _cache.GetAsync(
            _prober.CacheKey(host),
            _notBefore,
            abandoned => _prober.ProbeAsync(host, _samples, _timeout, abandoned),
            cancellationToken).ConfigureAwait(false);
        // Once per host and command: with -Fastest, every track a dead mirror serves would repeat it.
        if (!result.Reachable && _reportedUnreachable.TryAdd(host, true))
        {
            _log.Verbose($"Mirror {host} is unreachable: {result.Failure}");
        }

        return server.WithMeasurement(result.LatencyMs is { } ms ? Math.Round(ms, 1) : null, result.Reachable);
    }

    /// <summary>The reachable server with the lowest latency among the first <see cref="MaxHostsPerTrack"/>, or null when none answered.</summary>
    public async Task<DownloadServer?> FastestAsync(IReadOnlyList<DownloadServer> servers, CancellationToken cancellationToken)
    {
        if (servers.Count > MaxHostsPerTrack)
        {
            _log.Verbose($"Track {servers[0].TrackId} lists {servers.Count} servers; only the first {MaxHostsPerTrack} are measured.");
        }

        DownloadServer[] measured = await Task.WhenAll(servers.Take(MaxHostsPerTrack).Select(s => MeasureAsync(s, cancellationToken))).ConfigureAwait(false);
        return measured.Where(s => s.Reachable == true).OrderBy(s => s.LatencyMs).FirstOrDefault();
    }
}

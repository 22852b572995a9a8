using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PromoOnly.Client;

namespace PromoOnly.Probing;

/// <summary>Fills in each server's latency from the shared probe cache and picks the fastest reachable one.</summary>
internal sealed class MirrorRanking
{
    private readonly MirrorProber _prober;
    private readonly ProbeCache _cache;
    private readonly int _samples;
    private readonly TimeSpan _timeout;
    private readonly DateTime _notBefore;
    private readonly IPoolLog _log;

    /// <param name="notBefore">Cached results measured earlier are ignored (-Force passes the command's start).</param>
    public MirrorRanking(MirrorProber prober, ProbeCache cache, int samples, TimeSpan timeout, DateTime notBefore, IPoolLog log)
    {
        _prober = prober;
        _cache = cache;
        _samples = samples;
        _timeout = timeout;
        _notBefore = notBefore;
        _log = log;
    }

    /// <summary>Measures <paramref name="server"/> (or reuses a recent measurement) and records the result on it.</summary>
    public async Task<DownloadServer> MeasureAsync(DownloadServer server, CancellationToken cancellationToken)
    {
        ProbeResult result = await _cache.GetAsync(
            server.Host,
            _notBefore,
            () => Probe(server.Host),
            cancellationToken).ConfigureAwait(false);
        server.LatencyMs = result.LatencyMs is { } ms ? Math.Round(ms, 1) : null;
        server.Reachable = result.Reachable;
        if (!result.Reachable)
        {
            _log.Verbose($"Mirror {server.Host} is unreachable: {result.Failure}");
        }

        return server;
    }

    /// <summary>The reachable server with the lowest latency, or null when none answered.</summary>
    public async Task<DownloadServer?> FastestAsync(IReadOnlyList<DownloadServer> servers, CancellationToken cancellationToken)
    {
        DownloadServer[] measured = await Task.WhenAll(servers.Select(s => MeasureAsync(s, cancellationToken))).ConfigureAwait(false);
        return measured.Where(s => s.Reachable == true).OrderBy(s => s.LatencyMs).FirstOrDefault();
    }

    private Task<ProbeResult> Probe(string host)
    {
        _log.Verbose($"Probing mirror {host} with {_samples} request(s).");
        return _prober.ProbeAsync(host, _samples, _timeout, CancellationToken.None);
    }
}

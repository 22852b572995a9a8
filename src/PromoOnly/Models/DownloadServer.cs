using System;

namespace PromoOnly;

/// <summary>One mirror host that serves a track, as the POOL API reported it.</summary>
public sealed class DownloadServer
{
    internal DownloadServer(long trackId, int id, string host)
    {
        TrackId = trackId;
        Id = id;
        Host = host;
        // Downloads are plain HTTP on the mirror (API contract, endpoint 5); the host was validated,
        // so this cannot smuggle a path, user-info or another scheme.
        Uri = new Uri("http://" + host + "/", UriKind.Absolute);
    }

    /// <summary>The track this server was listed for.</summary>
    public long TrackId { get; }

    /// <summary>The POOL server id, needed later to report a finished download.</summary>
    public int Id { get; }

    /// <summary>The mirror's DNS host name, with a port only when the API gave one.</summary>
    public string Host { get; }

    /// <summary>The mirror's base address for downloads.</summary>
    public Uri Uri { get; }

    /// <summary>Median round trip to the mirror in milliseconds, once Test-PromoDownloadServer or -Fastest measured it.</summary>
    public double? LatencyMs { get; private set; }

    /// <summary>Whether the mirror answered when it was measured; empty until then.</summary>
    public bool? Reachable { get; private set; }

    /// <summary>A copy with a measurement; piped-in objects are never changed behind the caller's back.</summary>
    internal DownloadServer WithMeasurement(double? latencyMs, bool reachable) =>
        new(TrackId, Id, Host) { LatencyMs = latencyMs, Reachable = reachable };

    public override string ToString() => Host;
}

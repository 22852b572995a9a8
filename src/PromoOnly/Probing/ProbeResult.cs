using System;

namespace PromoOnly.Probing;

/// <summary>How one mirror host answered: its median round trip, or why it did not.</summary>
internal sealed class ProbeResult
{
    private ProbeResult(string host, double? latencyMs, string? failure, DateTime measuredAt)
    {
        Host = host;
        LatencyMs = latencyMs;
        Failure = failure;
        MeasuredAt = measuredAt;
    }

    public string Host { get; }

    /// <summary>Median of the samples in milliseconds; null when unreachable.</summary>
    public double? LatencyMs { get; }

    public bool Reachable => LatencyMs is not null;

    /// <summary>Why the host is unreachable, for a Verbose line.</summary>
    public string? Failure { get; }

    public DateTime MeasuredAt { get; }

    public static ProbeResult Answered(string host, double latencyMs) => new(host, latencyMs, null, DateTime.UtcNow);

    public static ProbeResult Unreachable(string host, string failure) => new(host, null, failure, DateTime.UtcNow);
}

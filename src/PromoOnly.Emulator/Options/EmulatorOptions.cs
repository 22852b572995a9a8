using PromoOnly.Emulator.Faults;

namespace PromoOnly.Emulator.Options;

/// <summary>
/// Everything that can be tuned about an emulator instance. The command line maps onto this
/// one-to-one, so in-process tests and the console app configure the server the same way.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>Kestrel listen URL(s), ';'-separated. Port 0 asks the OS for a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Lifetime of tokens issued by sign-in and authenticate (real clock, seconds).</summary>
    public int TokenTtlSeconds { get; set; } = 300;

    /// <summary>Delay before answering each POOL API request; /_emulator endpoints are never delayed.</summary>
    public int LatencyMs { get; set; }

    /// <summary>
    /// Added to the clock the server <em>reports</em> (server_time, expires, expiration) but not to
    /// the clock that decides expiry, so clients must rely on expires - server_time.
    /// </summary>
    public int ClockSkewSeconds { get; set; }

    /// <summary>Extra fault tracks (track id to shape); these win over the seeded fault tracks.</summary>
    public IDictionary<int, FaultShape> Faults { get; } = new Dictionary<int, FaultShape>();

    /// <summary>Clock for token expiry and reported times; swap it to test expiry without sleeping.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> describing the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Urls))
        {
            throw new ArgumentException("Urls must not be empty.", nameof(Urls));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(TokenTtlSeconds, nameof(TokenTtlSeconds));
        ArgumentOutOfRangeException.ThrowIfNegative(LatencyMs, nameof(LatencyMs));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}

using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Mirrors;

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

    /// <summary>
    /// Answer a missing, unknown or expired Bearer token with HTTP 200 and a <c>result</c> message
    /// instead of 401: how the live API may report an expired token (API.md, our decisions).
    /// </summary>
    public bool BadTokenAsResult { get; set; }

    /// <summary>
    /// After this many authenticate requests, answer every further one with 503; null: never.
    /// Lets tests count how a client renews while the token endpoint is down.
    /// </summary>
    public int? AuthenticateUnavailableAfter { get; set; }

    /// <summary>Retry-After seconds on those 503s; 0 sends none.</summary>
    public int AuthenticateRetryAfterSeconds { get; set; }

    /// <summary>Extra fault tracks (track id to shape); these win over the seeded fault tracks.</summary>
    public IDictionary<int, FaultShape> Faults { get; } = new Dictionary<int, FaultShape>();

    /// <summary>
    /// Endpoints (by path prefix, such as "/user/charts" or "/specialty") that answer every
    /// authenticated request with a fault shape, for the endpoints no fault track can reach.
    /// </summary>
    public IDictionary<string, FaultShape> EndpointFaults { get; } = new Dictionary<string, FaultShape>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Share (0 to 1) of authenticated server-list requests for ordinary tracks that fail with a
    /// transient error. Which ones fail depends only on <see cref="FaultSeed"/>, the track id and
    /// the track's request number, so a run can be replayed exactly.
    /// </summary>
    public double FaultRate { get; set; }

    /// <summary>Seed for <see cref="FaultRate"/>; the same seed gives the same failures.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>Retry-After seconds sent with the 429s that <see cref="FaultRate"/> injects.</summary>
    public int FaultRetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Mirrors to run on their own loopback ports, live or dead, in the order tracks
    /// 950000..950999 list them. Names must be unique.
    /// </summary>
    public IList<MirrorSpec> Mirrors { get; } = new List<MirrorSpec>();

    /// <summary>
    /// How many loopback ports to open that accept connections and never answer; tracks
    /// 951000..951999 list them all (a hostile mirror list). At most <see cref="MaxSilentMirrors"/>.
    /// </summary>
    public int SilentMirrors { get; set; }

    public const int MaxSilentMirrors = 2000;

    /// <summary>
    /// When set (301, 302, 303, 307 or 308), every POST to a POOL endpoint is first redirected with
    /// this status to the same endpoint under /moved/, which serves it normally.
    /// </summary>
    public int? RedirectPostsStatus { get; set; }

    /// <summary>When true, media-a and media-b ignore Range headers too (media-norange always does).</summary>
    public bool MediaWithoutRange { get; set; }

    /// <summary>
    /// The most MiB a second that any one answer of the media hosts sends (0: no limit), as a line of
    /// that speed per connection would; a track's own slower pace still holds. For benchmarks of a paced line.
    /// </summary>
    public double MediaRateMiBPerSecond { get; set; }

    /// <summary>The paged listings answer every page with the first one (a server that loops).</summary>
    public bool RepeatPages { get; set; }

    /// <summary>
    /// Every failure answer of the API and the media hosts quotes the request back (its Authorization
    /// header, that header URL-encoded, and its form), as debug error pages do.
    /// </summary>
    public bool EchoRequests { get; set; }

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
        ArgumentOutOfRangeException.ThrowIfNegative(FaultRetryAfterSeconds, nameof(FaultRetryAfterSeconds));
        ArgumentOutOfRangeException.ThrowIfNegative(SilentMirrors, nameof(SilentMirrors));
        if (RedirectPostsStatus is { } redirect && redirect is not (301 or 302 or 303 or 307 or 308))
        {
            throw new ArgumentOutOfRangeException(nameof(RedirectPostsStatus), redirect, "RedirectPostsStatus must be 301, 302, 303, 307 or 308.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(SilentMirrors, MaxSilentMirrors, nameof(SilentMirrors));
        ArgumentOutOfRangeException.ThrowIfNegative(AuthenticateRetryAfterSeconds, nameof(AuthenticateRetryAfterSeconds));
        if (AuthenticateUnavailableAfter is { } after)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(after, nameof(AuthenticateUnavailableAfter));
        }

        // Written as a positive test so NaN fails it too.
        if (!(FaultRate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FaultRate), FaultRate, "FaultRate must be between 0 and 1.");
        }

        if (!(MediaRateMiBPerSecond is >= 0 and <= 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(MediaRateMiBPerSecond), MediaRateMiBPerSecond, "MediaRateMiBPerSecond must be between 0 (no limit) and 1000000.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mirror in Mirrors)
        {
            ArgumentNullException.ThrowIfNull(mirror, nameof(Mirrors));
            mirror.Validate();
            if (!names.Add(mirror.Name))
            {
                throw new ArgumentException($"Mirror name '{mirror.Name}' is used more than once.", nameof(Mirrors));
            }
        }
    }
}

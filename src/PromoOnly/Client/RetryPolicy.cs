using System;

namespace PromoOnly.Client;

/// <summary>
/// When and how long to wait before asking again: exponential backoff with full jitter, unless the
/// server said when (Retry-After), which is honoured up to <see cref="MaxRetryAfter"/>.
/// </summary>
internal sealed class RetryPolicy
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    private readonly Func<double> _random;

    public RetryPolicy(int maxRetries, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? maxRetryAfter = null, Func<double>? random = null)
    {
        MaxRetries = maxRetries;
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        MaxRetryAfter = maxRetryAfter ?? DefaultMaxRetryAfter;
        _random = random ?? SharedRandom.NextDouble;
    }

    public int MaxRetries { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRetryAfter { get; }

    /// <summary>Failures that another try may cure: throttling, 5xx gateways, dropped connections, timeouts.</summary>
    public static bool IsRetryable(PoolApiException failure) =>
        failure.Kind is PoolErrorKind.ServiceUnavailable or PoolErrorKind.Network or PoolErrorKind.Timeout;

    /// <summary>Full jitter: uniform in [0, min(max, base·2^attempt)], so clients that failed together do not retry together.</summary>
    public TimeSpan Backoff(int attempt)
    {
        double ceiling = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromTicks((long)(ceiling * _random()));
    }

    /// <summary>What to do after <paramref name="failure"/> on try number <paramref name="attempt"/> (0-based).</summary>
    public RetryDecision Decide(PoolApiException failure, int attempt)
    {
        if (!IsRetryable(failure))
        {
            return RetryDecision.Stop(failure);
        }

        if (failure.RetryAfter is { } asked && asked > MaxRetryAfter)
        {
            return RetryDecision.Stop(new PoolApiException(
                failure.Kind,
                $"{failure.Message} The server asked to wait {Seconds(asked)} before retrying, longer than the {Seconds(MaxRetryAfter)} this module waits: try again later.",
                failure.StatusCode,
                failure.ServerMessage,
                failure,
                failure.RetryAfter));
        }

        if (attempt >= MaxRetries)
        {
            string tries = attempt + 1 == 1 ? "1 attempt" : $"{attempt + 1} attempts";
            return RetryDecision.Stop(new PoolApiException(failure.Kind, $"{failure.Message} Gave up after {tries}.", failure.StatusCode, failure.ServerMessage, failure, failure.RetryAfter));
        }

        return RetryDecision.After(failure.RetryAfter ?? Backoff(attempt));
    }

    internal static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.##} s";

    private static class SharedRandom
    {
        private static readonly Random Seed = new();

        [ThreadStatic]
        private static Random? _local;

        // System.Random is not thread-safe and netstandard2.0 has no Random.Shared.
        public static double NextDouble()
        {
            if (_local is null)
            {
                int seed;
                lock (Seed)
                {
                    seed = Seed.Next();
                }

                _local = new Random(seed);
            }

            return _local.NextDouble();
        }
    }
}

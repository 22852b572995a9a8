using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>
/// When and how long to wait before asking again: exponential backoff with full jitter, unless the
/// server said when (Retry-After), which is honoured up to <see cref="MaxRetryAfter"/>. Everything
/// about retrying lives in this file: the policy, its decision, the shared 429 pause, the loop that
/// runs an operation under them, and how a Retry-After header is read.
/// </summary>
internal sealed class RetryPolicy
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Longer Retry-After waits are clamped here; anything near it is far beyond what the module honours anyway.</summary>
    internal static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

    private readonly Func<double> _random;

    public RetryPolicy(int maxRetries, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? maxRetryAfter = null, Func<double>? random = null)
    {
        MaxRetries = maxRetries;
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        MaxRetryAfter = maxRetryAfter ?? DefaultMaxRetryAfter;
#if NET
        _random = random ?? Random.Shared.NextDouble;
#else
        _random = random ?? SharedRandom.NextDouble;
#endif
    }

    public int MaxRetries { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRetryAfter { get; }

    /// <summary>Failures that another try may cure: throttling, 5xx gateways, dropped connections, timeouts.</summary>
    public static bool IsRetryable(PoolApiException failure) =>
        !failure.Final && failure.Kind is PoolErrorKind.ServiceUnavailable or PoolErrorKind.Network or PoolErrorKind.Timeout;

    /// <summary>
    /// The wait a Retry-After header asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP date), or
    /// null when there is none or it is unreadable. HttpClient parses the header; a value it cannot
    /// hold (delay-seconds past Int32, say 35 digits) still asks for a very long wait, so it counts
    /// as too long rather than as absent.
    /// </summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } parsed)
        {
            TimeSpan wait = parsed.Delta ?? (parsed.Date is { } date ? date - now : TimeSpan.Zero);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestRetryAfter ? LongestRetryAfter : wait;
        }

        if (headers.TryGetValues("Retry-After", out IEnumerable<string>? raw))
        {
            foreach (string value in raw)
            {
                string text = value.Trim();
                if (text.Length > 0 && IsAllDigits(text))
                {
                    return LongestRetryAfter;
                }
            }
        }

        return null;
    }

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

    /// <summary>Runs <paramref name="operation"/> under this policy and <paramref name="gate"/>, logging each retry as one line.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, BackoffGate gate, IPoolLog log, string what, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (PoolApiException failure) when (IsRetryable(failure))
            {
                RetryDecision decision = Decide(failure, attempt);
                if (!decision.ShouldRetry)
                {
                    throw decision.FinalFailure!;
                }

                if (failure.StatusCode == 429)
                {
                    gate.PauseFor(decision.Delay);
                }

                string cause = failure.StatusCode is { } status ? $"HTTP {status}" : failure.Kind.ToString().ToLowerInvariant();
                log.Verbose($"{what}: {cause} on attempt {attempt + 1}; retry {attempt + 1} of {MaxRetries} in {Seconds(decision.Delay)}.");
                await Task.Delay(decision.Delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.##} s";

    private static bool IsAllDigits(string text)
    {
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

#if !NET
    // Random.Shared for the netstandard2.0 build.
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
#endif
}

/// <summary>Either wait <see cref="Delay"/> and try again, or give up with <see cref="FinalFailure"/>.</summary>
internal readonly struct RetryDecision
{
    private RetryDecision(TimeSpan delay, PoolApiException? finalFailure)
    {
        Delay = delay;
        FinalFailure = finalFailure;
    }

    public bool ShouldRetry => FinalFailure is null;

    public TimeSpan Delay { get; }

    public PoolApiException? FinalFailure { get; }

    public static RetryDecision After(TimeSpan delay) => new(delay, null);

    public static RetryDecision Stop(PoolApiException failure) => new(TimeSpan.Zero, failure);
}

/// <summary>
/// A pause shared by every request of one pipeline: when the server throttles one request (429),
/// the others hold back too instead of hammering it until they are throttled themselves.
/// </summary>
internal sealed class BackoffGate
{
    private readonly MonotonicClock _clock;
    private long _resumeAtTicks;

    public BackoffGate(MonotonicClock clock) => _clock = clock;

    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _resumeAtTicks) - _clock.Now.Ticks));

    public void PauseFor(TimeSpan delay)
    {
        long resumeAt = (_clock.Now + delay).Ticks;
        long seen = Interlocked.Read(ref _resumeAtTicks);
        while (resumeAt > seen)
        {
            long previous = Interlocked.CompareExchange(ref _resumeAtTicks, resumeAt, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan remaining = Remaining;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, cancellationToken) : Task.CompletedTask;
    }
}

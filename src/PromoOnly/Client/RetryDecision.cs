using System;

namespace PromoOnly.Client;

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

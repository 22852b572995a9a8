using System;
using System.Threading;
using System.Threading.Tasks;

namespace PromoOnly.Client;

/// <summary>Runs one API operation under a <see cref="RetryPolicy"/>, logging each retry as one line.</summary>
internal static class Retrying
{
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> operation,
        RetryPolicy policy,
        BackoffGate gate,
        IPoolLog log,
        string what,
        CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (PoolApiException failure) when (RetryPolicy.IsRetryable(failure))
            {
                RetryDecision decision = policy.Decide(failure, attempt);
                if (!decision.ShouldRetry)
                {
                    throw decision.FinalFailure!;
                }

                if (failure.StatusCode == 429)
                {
                    gate.PauseFor(decision.Delay);
                }

                string cause = failure.StatusCode is { } status ? $"HTTP {status}" : failure.Kind.ToString().ToLowerInvariant();
                log.Verbose($"{what}: {cause} on attempt {attempt + 1}; retry {attempt + 1} of {policy.MaxRetries} in {RetryPolicy.Seconds(decision.Delay)}.");
                await Task.Delay(decision.Delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 30)]
    [InlineData(100, 30)]
    public void BackoffCeilingDoublesUpToTheCap(int attempt, double ceilingSeconds)
    {
        var highest = new RetryPolicy(4, random: () => 1.0);
        var lowest = new RetryPolicy(4, random: () => 0.0);

        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), highest.Backoff(attempt));
        Assert.Equal(TimeSpan.Zero, lowest.Backoff(attempt));
    }

    [Fact]
    public void JitterSpreadsDelaysAcrossTheWholeRange()
    {
        var policy = new RetryPolicy(4);
        TimeSpan[] delays = Enumerable.Range(0, 500).Select(_ => policy.Backoff(3)).ToArray();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(4)));
        Assert.Contains(delays, d => d < TimeSpan.FromSeconds(1));
        Assert.Contains(delays, d => d > TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void RetryAfterIsHonouredInsteadOfBackoff()
    {
        var policy = new RetryPolicy(4, random: () => 1.0);

        RetryDecision decision = policy.Decide(Failure(429, TimeSpan.FromSeconds(7)), attempt: 0);

        Assert.True(decision.ShouldRetry);
        Assert.Equal(TimeSpan.FromSeconds(7), decision.Delay);
    }

    [Fact]
    public void ARetryAfterBeyondTheCapFailsQuotingTheWait()
    {
        var policy = new RetryPolicy(4);

        RetryDecision decision = policy.Decide(Failure(429, TimeSpan.FromSeconds(3600)), attempt: 0);

        Assert.False(decision.ShouldRetry);
        Assert.Contains("3600 s", decision.FinalFailure!.Message);
        Assert.Contains("60 s", decision.FinalFailure.Message);
    }

    [Fact]
    public void TheBudgetRunsOutAfterMaxRetries()
    {
        var policy = new RetryPolicy(2);

        Assert.True(policy.Decide(Failure(503), 0).ShouldRetry);
        Assert.True(policy.Decide(Failure(503), 1).ShouldRetry);
        RetryDecision last = policy.Decide(Failure(503), 2);
        Assert.False(last.ShouldRetry);
        Assert.EndsWith("Gave up after 3 attempts.", last.FinalFailure!.Message);
    }

    [Theory]
    [InlineData(nameof(PoolErrorKind.ServiceUnavailable), true)]
    [InlineData(nameof(PoolErrorKind.Network), true)]
    [InlineData(nameof(PoolErrorKind.Timeout), true)]
    [InlineData(nameof(PoolErrorKind.TrackNotFound), false)]
    [InlineData(nameof(PoolErrorKind.NotInSubscription), false)]
    [InlineData(nameof(PoolErrorKind.InvalidResponse), false)]
    [InlineData(nameof(PoolErrorKind.Unauthorized), false)]
    [InlineData(nameof(PoolErrorKind.UnexpectedStatus), false)]
    public void OnlyTransientFailuresAreRetried(string kind, bool retried) =>
        Assert.Equal(retried, RetryPolicy.IsRetryable(new PoolApiException((PoolErrorKind)Enum.Parse(typeof(PoolErrorKind), kind), "x")));

    [Fact]
    public async Task RetryingRecoversFromTransientFailuresAndLogsEachRetry()
    {
        var log = new Support.RecordingLog();
        int calls = 0;
        var policy = new RetryPolicy(4, baseDelay: TimeSpan.FromMilliseconds(1));

        int result = await policy.RunAsync(
            _ => ++calls < 3 ? throw Failure(502) : Task.FromResult(42),
            new BackoffGate(PromoOnly.Client.MonotonicClock.System),
            log,
            "Track 7",
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(3, calls);
        Assert.Equal(2, log.Lines.Count(l => l.StartsWith("Track 7: HTTP 502 on attempt")));
    }

    [Fact]
    public async Task ThrottlingPausesEveryCallerSharingTheGate()
    {
        var gate = new BackoffGate(new Support.FakeClock());
        var policy = new RetryPolicy(1);
        int calls = 0;
        using var stop = new CancellationTokenSource();

        Task throttled = policy.RunAsync(
            _ => ++calls == 1 ? throw Failure(429, TimeSpan.FromSeconds(30)) : Task.FromResult(0),
            gate,
            new Support.RecordingLog(),
            "Track 1",
            stop.Token);

        // The clock stands still, so the pause is exactly what the server asked for.
        Assert.Equal(TimeSpan.FromSeconds(30), gate.Remaining);
        Assert.False(throttled.IsCompleted);

        // The caller's cancellation ends the wait: no 30-second task outlives the test.
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => throttled);
        Assert.Equal(1, calls);
    }

    private static PoolApiException Failure(int status, TimeSpan? retryAfter = null) =>
        new(PoolErrorKind.ServiceUnavailable, $"HTTP {status}.", status, retryAfter: retryAfter);
}

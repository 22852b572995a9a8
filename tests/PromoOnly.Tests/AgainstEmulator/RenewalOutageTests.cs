using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Emulator;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>
/// The token endpoint fails (503) after the connect: a failed renewal is shared by everyone waiting
/// and remembered for a back-off, so an outage costs a handful of calls, not one per caller.
/// </summary>
public sealed class RenewalOutageTests
{
    private readonly FakeClock _clock = new();
    private readonly AuthenticateGate _gate = new();

    [Fact]
    public async Task AFailedRenewalIsSharedByEveryoneWaitingAndRememberedForItsBackoff()
    {
        await using RunningEmulator emulator = await StartAsync(retryAfterSeconds: 0);
        PromoOnlySession session = await ConnectAsync(emulator);
        _clock.Advance(TimeSpan.FromMinutes(5));

        PoolApiException[] first = await FailTogetherAsync(session, 32);
        PoolApiException[] meanwhile = await FailAllAsync(session, 32);

        Assert.Equal(2, emulator.GetStats().Authenticate);
        Assert.All(first.Concat(meanwhile), f => Assert.Equal(PoolErrorKind.ServiceUnavailable, f.Kind));
        Assert.All(first, f => Assert.Equal(RenewingCredential.FirstBackoff, f.RetryAfter));
        Assert.All(meanwhile, f => Assert.InRange(f.RetryAfter!.Value, TimeSpan.Zero, RenewingCredential.FirstBackoff));

        // Those who waited on the failed call may retry after the pause; later arrivals fail for good.
        Assert.All(first, f => Assert.True(RetryPolicy.IsRetryable(f)));
        Assert.All(meanwhile, f => Assert.False(RetryPolicy.IsRetryable(f)));
        Assert.Contains("503", first[0].Message);
        Assert.Contains("tries again in", first[0].Message);

        // After the first second one more try, which fails again and doubles the pause.
        _clock.Advance(RenewingCredential.FirstBackoff);
        await FailAllAsync(session, 8);
        Assert.Equal(3, emulator.GetStats().Authenticate);
        _clock.Advance(RenewingCredential.FirstBackoff);
        await FailAllAsync(session, 8);
        Assert.Equal(3, emulator.GetStats().Authenticate);
        _clock.Advance(RenewingCredential.FirstBackoff);
        await FailAllAsync(session, 8);
        Assert.Equal(4, emulator.GetStats().Authenticate);
    }

    [Fact]
    public async Task RetryAfterOnTheTokenEndpointIsHonoured()
    {
        await using RunningEmulator emulator = await StartAsync(retryAfterSeconds: 20);
        PromoOnlySession session = await ConnectAsync(emulator);
        _clock.Advance(TimeSpan.FromMinutes(5));

        PoolApiException[] failures = await FailAllAsync(session, 4);
        _clock.Advance(TimeSpan.FromSeconds(19));
        await FailAllAsync(session, 4);

        Assert.All(failures, f => Assert.Equal(TimeSpan.FromSeconds(20), f.RetryAfter));
        Assert.Equal(2, emulator.GetStats().Authenticate);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await FailAllAsync(session, 4);
        Assert.Equal(3, emulator.GetStats().Authenticate);
    }

    [Fact]
    public async Task ATokenThatHasNotRunOutKeepsServingWhileRenewalFails()
    {
        await using RunningEmulator emulator = await StartAsync(retryAfterSeconds: 0);
        PromoOnlySession session = await ConnectAsync(emulator);
        AccessToken issued = await session.Credential.GetTokenAsync(CancellationToken.None);

        // Inside the renewal margin (the last minute of five): due, but still valid.
        _clock.Advance(TimeSpan.FromSeconds(250));
        Assert.Same(issued, await session.Credential.GetTokenAsync(CancellationToken.None));
        Assert.Same(issued, await session.Credential.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, emulator.GetStats().Authenticate);

        _clock.Advance(TimeSpan.FromSeconds(50));
        var expired = await Assert.ThrowsAsync<PoolApiException>(() => session.Credential.GetTokenAsync(CancellationToken.None));
        Assert.Equal(PoolErrorKind.ServiceUnavailable, expired.Kind);
    }

    private static Task<RunningEmulator> StartAsync(int retryAfterSeconds) =>
        TestEmulator.StartAsync(o =>
        {
            o.AuthenticateUnavailableAfter = 1;
            o.AuthenticateRetryAfterSeconds = retryAfterSeconds;
        });

    private Task<PromoOnlySession> ConnectAsync(RunningEmulator emulator) =>
        SessionOpener.WithApiKeyAsync(
            new PoolApiClient(new HttpClient(_gate, disposeHandler: false), emulator.BaseAddress, "test", TimeSpan.FromSeconds(30), new RecordingLog()),
            1,
            Secure.From("demo-api-key"),
            Secure.From("demo-api-secret"),
            _clock,
            CancellationToken.None);

    private static Task<PoolApiException[]> FailAllAsync(PromoOnlySession session, int callers) =>
        CollectFailuresAsync(Enumerable.Range(0, callers).Select(_ => Task.Run(() => session.Credential.GetTokenAsync(CancellationToken.None))).ToArray());

    /// <summary>
    /// Every caller joins one renewal: it is held at the door until all of them have asked, so none
    /// can arrive after it failed, however the thread pool schedules the callers.
    /// </summary>
    private async Task<PoolApiException[]> FailTogetherAsync(PromoOnlySession session, int callers)
    {
        _gate.Hold();
        Task<AccessToken>[] calls = Enumerable.Range(0, callers).Select(_ => session.Credential.GetTokenAsync(CancellationToken.None)).ToArray();
        await _gate.Started;
        _gate.Release();
        return await CollectFailuresAsync(calls);
    }

    private static async Task<PoolApiException[]> CollectFailuresAsync(Task<AccessToken>[] calls)
    {
        int callers = calls.Length;
        var failures = new PoolApiException[callers];
        for (int i = 0; i < callers; i++)
        {
            failures[i] = await Assert.ThrowsAsync<PoolApiException>(() => calls[i]);
        }

        return failures;
    }
}

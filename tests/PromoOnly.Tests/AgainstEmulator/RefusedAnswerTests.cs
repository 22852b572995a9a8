using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Emulator;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>
/// A 2xx <c>{"result": ...}</c> where data was expected may be how the live API says a token expired
/// (API.md, our decisions): a renewing session renews once and retries; a message that repeats is
/// the account's state, shown as it is, without a renewal per track.
/// </summary>
public sealed class RefusedAnswerTests : IAsyncLifetime
{
    private readonly ManualTime _serverTime = new();
    private readonly FakeClock _clock = new();
    private RunningEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await TestEmulator.StartAsync(o =>
        {
            o.BadTokenAsResult = true;
            o.TimeProvider = _serverTime;
        });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ATokenRefusedWithAMessageIsRenewedOnceAndTheLookupRetried()
    {
        PromoOnlySession session = await ConnectAsync();

        // The server's clock runs past the token's expiry while ours does not: the server declines it.
        _serverTime.Advance(TimeSpan.FromMinutes(6));
        ServerList servers = await session.GetDownloadServersAsync(Client(), 337865, CancellationToken.None);

        Assert.Equal(3, servers.Servers.Count);
        Assert.Equal(1, session.RenewalCount);
        Assert.Equal(2, _emulator.GetStats().Authenticate);
    }

    [Fact]
    public async Task AMessageThatRepeatsAfterRenewalIsShownAndCostsOneRenewalForAllTracks()
    {
        PromoOnlySession session = await ConnectAsync();

        Task<ServerList>[] lookups = Enumerable.Range(0, 20).Select(_ => session.GetDownloadServersAsync(Client(), 900002, CancellationToken.None)).ToArray();
        foreach (Task<ServerList> lookup in lookups)
        {
            var refused = await Assert.ThrowsAsync<PoolApiException>(() => lookup);
            Assert.Equal(PoolErrorKind.Refused, refused.Kind);
            Assert.Contains("'Daily download limit reached.'", refused.Message);
        }

        var again = await Assert.ThrowsAsync<PoolApiException>(() => session.GetDownloadServersAsync(Client(), 900002, CancellationToken.None));
        Assert.Equal(PoolErrorKind.Refused, again.Kind);
        Assert.Equal(2, _emulator.GetStats().Authenticate);
    }

    [Fact]
    public async Task ASuppliedTokenShowsTheMessageWithoutRenewing()
    {
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(Client(), 1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"), validate: true, CancellationToken.None))!;

        var refused = await Assert.ThrowsAsync<PoolApiException>(() => session.GetDownloadServersAsync(Client(), 900002, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Refused, refused.Kind);
        Assert.Equal(0, _emulator.GetStats().Authenticate);
    }

    private PoolApiClient Client() => new(new HttpClient(), _emulator.BaseAddress, "test", TimeSpan.FromSeconds(30), new RecordingLog());

    private Task<PromoOnlySession> ConnectAsync() =>
        SessionOpener.WithApiKeyAsync(Client(), 1, Secure.From("demo-api-key"), Secure.From("demo-api-secret"), _clock, CancellationToken.None);
}

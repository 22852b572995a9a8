using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Emulator;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>
/// Renewal is the session's work, not the work of the command whose lookup found the token due:
/// over real HTTP to the emulator, with the renewal held at the door so "in flight" is an event.
/// </summary>
public sealed class SharedRenewalTests : IAsyncLifetime
{
    private readonly AuthenticateGate _gate = new();
    private readonly FakeClock _clock = new();
    private RunningEmulator _emulator = null!;
    private PromoOnlySession _session = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        _session = await SessionOpener.WithApiKeyAsync(Client(new RecordingLog()), 1, Secure.From("demo-api-key"), Secure.From("demo-api-secret"), _clock, CancellationToken.None);

        // Due for renewal on the session's clock; the next lookup renews.
        _clock.Advance(TimeSpan.FromMinutes(5));
        _gate.Hold();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ARenewalOutlivesTheCommandThatStartedIt()
    {
        // The first command's lookup starts the renewal, then the command is stopped and disposed.
        var first = new ClosingLog();
        using var stop = new CancellationTokenSource();
        Task<ServerList> stopped = _session.GetDownloadServersAsync(Client(first), 337865, stop.Token);
        await _gate.Started;
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        first.Dispose();

        // A second command joins the same renewal and must get its answer.
        Task<ServerList> second = _session.GetDownloadServersAsync(Client(new RecordingLog()), 337865, CancellationToken.None);
        Assert.False(second.IsCompleted);
        _gate.Release();
        ServerList servers = await second;

        Assert.Equal(3, servers.Servers.Count);
        Assert.Equal(1, _session.RenewalCount);
        Assert.Equal(2, _emulator.GetStats().Authenticate);
    }

    [Fact]
    public async Task CallersOfAnExpiredTokenWaitForTheOneRenewalUnderWay()
    {
        Task<AccessToken> first = _session.Credential.GetTokenAsync(CancellationToken.None);
        await _gate.Started;
        // Each call has joined (or started) a renewal by the time it returns its task, so no delay is needed.
        Task<AccessToken>[] others = Enumerable.Range(0, 15).Select(_ => _session.Credential.GetTokenAsync(CancellationToken.None)).ToArray();

        // They really wait: none has a token while the renewal is held, and none sent its own request.
        Assert.All(others, o => Assert.False(o.IsCompleted));
        Assert.Equal(2, _gate.Sent);
        _gate.Release();
        AccessToken[] tokens = await Task.WhenAll(others.Append(first));

        Assert.All(tokens, t => Assert.Same(tokens[0], t));
        Assert.Equal(2, _emulator.GetStats().Authenticate);
        Assert.Equal(1, _session.RenewalCount);
    }

    [Fact]
    public async Task AWaiterThatIsCancelledStopsWaitingWithoutCancellingTheRenewal()
    {
        using var stop = new CancellationTokenSource();
        Task<AccessToken> cancelled = _session.Credential.GetTokenAsync(stop.Token);
        await _gate.Started;
        Task<AccessToken> patient = _session.Credential.GetTokenAsync(CancellationToken.None);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        _gate.Release();

        Assert.NotNull(await patient);
        Assert.False(_gate.HeldRequestCancelled.IsCompleted);
        Assert.Equal(1, _session.RenewalCount);
    }

    [Fact]
    public async Task ARenewalIsNotCutShortByTheTimeLimitOfTheCommandThatStartedIt()
    {
        // The first command allows 200 ms per request, measured on the test's clock; the renewal it
        // triggers is held while that clock passes the limit.
        Task<ServerList> hasty = _session.GetDownloadServersAsync(Client(new RecordingLog(), TimeSpan.FromMilliseconds(200)), 337865, CancellationToken.None);
        await _gate.Started;
        Task<ServerList> patient = _session.GetDownloadServersAsync(Client(new RecordingLog()), 337865, CancellationToken.None);

        // Every limit that has run out is cancelled inside Advance, so a renewal bound to the first
        // command's limit would be cancelled by now.
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_gate.HeldRequestCancelled.IsCompleted, "the renewal was cancelled with the first command's time limit");
        _gate.Release();
        Assert.Equal(3, (await patient).Servers.Count);
        Assert.Equal(3, (await hasty).Servers.Count);
        Assert.Equal(1, _session.RenewalCount);
    }

    [Fact]
    public async Task DisconnectingDuringARenewalIsASessionErrorNotARawException()
    {
        Task<ServerList> lookup = _session.GetDownloadServersAsync(Client(new RecordingLog()), 337865, CancellationToken.None);
        await _gate.Started;

        _session.Disconnect();
        _gate.Release();

        var failure = await Assert.ThrowsAsync<PoolApiException>(() => lookup);
        Assert.Equal(PoolErrorKind.Disconnected, failure.Kind);
        Assert.Contains("Disconnect-PromoOnly", failure.Message);
    }

    [Fact]
    public async Task ALookupOnADisconnectedSessionSaysSo()
    {
        _gate.Release();
        _session.Disconnect();

        var failure = await Assert.ThrowsAsync<PoolApiException>(() => _session.GetDownloadServersAsync(Client(new RecordingLog()), 337865, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Disconnected, failure.Kind);
        Assert.Equal(1, _emulator.GetStats().Authenticate);
    }

    /// <summary>A command's client; its time limits are measured on the test's clock.</summary>
    private PoolApiClient Client(IPoolLog log, TimeSpan? timeout = null) =>
        new(new HttpClient(_gate, disposeHandler: false), _emulator.BaseAddress, "test", timeout ?? TimeSpan.FromSeconds(30), log, clock: _clock);
}

using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Auth;

public class RenewingCredentialTests
{
    [Theory]
    [InlineData(300, 239, 241)]
    [InlineData(2, 1.5, 1.7)]
    [InlineData(60, 47, 49)]
    public async Task RenewsAFifthOfTheServerStatedLifetimeBeforeExpiryAtMostAMinute(int lifetime, double stillFresh, double renewed)
    {
        var server = new FakeTokenServer(lifetime);
        var clock = new FakeClock();
        PoolApiClient client = server.Client();
        var credential = await Connect(client, clock);

        clock.Advance(TimeSpan.FromSeconds(stillFresh));
        await credential.GetTokenAsync(CancellationToken.None);
        Assert.Equal(1, server.AuthenticateCalls);
        Assert.Equal(0, credential.RenewalCount);

        clock.Advance(TimeSpan.FromSeconds(renewed - stillFresh));
        await credential.GetTokenAsync(CancellationToken.None);
        Assert.Equal(2, server.AuthenticateCalls);
        Assert.Equal(1, credential.RenewalCount);
    }

    [Fact]
    public async Task LifetimeComesFromServerTimestampsNotTheLocalClock()
    {
        // A server clock decades away from ours still yields a 300-second token.
        var server = new FakeTokenServer(300, serverTime: 100);
        var clock = new FakeClock();
        var credential = await Connect(server.Client(), clock);

        DateTime expires = credential.TokenExpiresAt!.Value;

        Assert.Equal(clock.UtcNow.AddSeconds(300), expires);
    }

    [Fact]
    public async Task ARejectedTokenIsRenewedOnceAndTheCallRetried()
    {
        var server = new FakeTokenServer(300);
        var clock = new FakeClock();
        PoolApiClient client = server.Client();
        var session = new PromoOnlySession(1, new Uri("https://api.example/"), await Connect(client, clock), DateTime.UtcNow, new HttpClient(server), proxy: null);

        // The server forgets the current token (as after a restart): the next call gets a 401 first.
        await server.Client().AuthenticateAsync(1, Secure.From("key"), Secure.From("fake-api-secret-value"), CancellationToken.None);
        ServerList list = await session.GetDownloadServersAsync(client, 5, CancellationToken.None);

        Assert.Single(list.Servers);
        Assert.Equal(3, server.AuthenticateCalls);
    }

    [Fact]
    public async Task ASuppliedTokenThatIsRejectedReportsExpiry()
    {
        var server = new FakeTokenServer(300);
        var session = new PromoOnlySession(1, new Uri("https://api.example/"), new StaticTokenCredential(1, Secure.From("0123"), new SecretMasker()), DateTime.UtcNow, new HttpClient(server), proxy: null);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => session.GetDownloadServersAsync(server.Client(), 5, CancellationToken.None));

        Assert.Equal(PoolErrorKind.TokenExpired, ex.Kind);
        Assert.Contains("expire", ex.Message);
        Assert.DoesNotContain("0123", ex.Message);
    }

    [Fact]
    public async Task AnUnexpectedFailureLeavesAsAPoolApiExceptionThatNamesIt()
    {
        var broken = new StubHandler(_ => throw new InvalidOperationException("the handler broke"));
        var session = new PromoOnlySession(1, new Uri("https://api.example/"), new StaticTokenCredential(1, Secure.From("0123"), new SecretMasker()), DateTime.UtcNow, new HttpClient(broken), proxy: null);
        var client = new PoolApiClient(new HttpClient(broken), new Uri("https://api.example/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => session.GetDownloadServersAsync(client, 5, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Unexpected, ex.Kind);
        Assert.Contains("Track 5", ex.Message);
        Assert.Contains("InvalidOperationException: the handler broke", ex.Message);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public async Task ASessionSecretEchoedByTheServerIsMaskedInTheError()
    {
        var echo = new StubHandler(r => StubHandler.Json(System.Net.HttpStatusCode.InternalServerError, "{\"result\":\"bad token 5ec2e7c0ffee5ec2e7c0ffee5ec2e7c0 for user 1\"}"));
        var client = new PoolApiClient(new HttpClient(echo), new Uri("https://api.example/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From("5ec2e7c0ffee5ec2e7c0ffee5ec2e7c0"), validate: false, CancellationToken.None))!;

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => session.GetDownloadServersAsync(client, 5, CancellationToken.None));

        Assert.Contains("bad token", ex.Message);
        Assert.DoesNotContain("5ec2e7c0ffee", ex.Message);
        Assert.DoesNotContain("5ec2e7c0ffee", ex.ServerMessage);
    }

    [Fact]
    public async Task WrongApiCredentialsAreRefusedWithTheServersMessage()
    {
        var server = new FakeTokenServer(300);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() =>
            SessionOpener.WithApiKeyAsync(server.Client(), 1, Secure.From("key"), Secure.From("wrong-api-secret-value"), new FakeClock(), CancellationToken.None));

        Assert.Equal(PoolErrorKind.Unauthorized, ex.Kind);
        Assert.Contains("Invalid API credentials.", ex.Message);
        Assert.DoesNotContain("wrong-api-secret-value", ex.Message);
    }

    private static async Task<RenewingCredential> Connect(PoolApiClient client, FakeClock clock)
    {
        PromoOnlySession session = await SessionOpener.WithApiKeyAsync(client, 1, Secure.From("key"), Secure.From("fake-api-secret-value"), clock, CancellationToken.None);
        return (RenewingCredential)session.Credential;
    }
}

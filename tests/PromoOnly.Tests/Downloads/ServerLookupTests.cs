using System.Net;
using System.Net.Sockets;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Probing;
using PromoOnly.Tests.Contract;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>
/// Get-PromoDownloadServer's work for one track, without PowerShell: the lookup on the wire, its
/// retries, and -Fastest's choice among the listed mirrors, against the raw-socket stand-in.
/// </summary>
public sealed class ServerLookupTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);
    private readonly RecordingLog _log = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task EveryListedMirrorComesBackWithTheHostsThatFailedValidation()
    {
        using var stub = new ContractStub(_ => WireAnswer.Json("[{\"host\":\"dc03.promoonly.com\",\"id\":7},{\"host\":\"http://evil.example/x\",\"id\":8},{\"host\":\"ny01.promoonly.com\",\"id\":9}]"));

        Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 0)).FindAsync(337865, CancellationToken.None);

        Assert.Null(outcome.Failure);
        Assert.Equal(337865, outcome.Id);
        Assert.Equal(new[] { "dc03.promoonly.com", "ny01.promoonly.com" }, outcome.Value!.Servers.Select(s => s.Host));
        Assert.Equal(new[] { "http://evil.example/x" }, outcome.Value.RejectedHosts);
        Assert.Equal(new[] { "GET /download/server/337865 HTTP/1.1" }, stub.Requests.Select(r => r.RequestLine));
    }

    [Fact]
    public async Task ATransientFailureIsAskedAgainUnderTheCommandsRetryPolicy()
    {
        int calls = 0;
        using var stub = new ContractStub(_ => Interlocked.Increment(ref calls) == 1
            ? new WireAnswer(503, "{\"result\":\"Service temporarily unavailable.\"}", "application/json", "Retry-After: 0")
            : WireAnswer.Json("[{\"host\":\"dc03.promoonly.com\",\"id\":7}]"));

        Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 1)).FindAsync(337865, CancellationToken.None);

        Assert.Equal(7, Assert.Single(outcome.Value!.Servers).Id);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Contains(_log.Lines, l => l.StartsWith("Track 337865: HTTP 503 on attempt 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATrackTheApiDoesNotKnowIsThatTracksFailureAskedOnce()
    {
        using var stub = new ContractStub(_ => new WireAnswer(404, "{\"result\":\"Track 123444 not found.\"}"));

        Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 4)).FindAsync(123444, CancellationToken.None);

        Assert.Null(outcome.Value);
        Assert.Equal(PoolErrorKind.TrackNotFound, outcome.Failure!.Kind);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task WithARankingOnlyTheMirrorThatAnsweredAProbeComesBack()
    {
        ContractStub? stub = null;
        int dead = ClosedPort();
        stub = new ContractStub(request => request.Method == "HEAD"
            ? new WireAnswer(200, string.Empty, "text/plain")
            : WireAnswer.Json($"[{{\"host\":\"127.0.0.1:{dead}\",\"id\":101}},{{\"host\":\"{stub!.HostAndPort}\",\"id\":102}},{{\"host\":\"bad host\",\"id\":103}}]"));
        using (stub)
        {
            Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 0, Ranking())).FindAsync(950001, CancellationToken.None);

            DownloadServer fastest = Assert.Single(outcome.Value!.Servers);
            Assert.Equal(102, fastest.Id);
            Assert.True(fastest.Reachable);
            Assert.NotNull(fastest.LatencyMs);
            Assert.Equal(new[] { "bad host" }, outcome.Value.RejectedHosts);
            Assert.Contains(_log.Lines, l => l.StartsWith($"Mirror 127.0.0.1:{dead} is unreachable", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WithARankingATrackNoneOfWhoseMirrorsAnswersFailsWithNoReachableServer()
    {
        int dead = ClosedPort();
        using var stub = new ContractStub(_ => WireAnswer.Json($"[{{\"host\":\"127.0.0.1:{dead}\",\"id\":101}}]"));

        Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 0, Ranking())).FindAsync(950001, CancellationToken.None);

        Assert.Equal(PoolErrorKind.NoReachableServer, outcome.Failure!.Kind);
        Assert.Contains("none of its 1 mirror(s) answered a probe", outcome.Failure.Message);
    }

    [Fact]
    public async Task WithARankingATrackWithoutMirrorsIsFoundEmptyWithoutProbing()
    {
        using var stub = new ContractStub(_ => WireAnswer.Json("[]"));

        Outcome<ServerList> outcome = await (await LookupAsync(stub, maxRetries: 0, Ranking())).FindAsync(123400, CancellationToken.None);

        Assert.Null(outcome.Failure);
        Assert.Empty(outcome.Value!.Servers);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task AnUnexpectedFailureBecomesThatTracksError()
    {
        var broken = new HttpClient(new StubHandler(_ => throw new InvalidOperationException("the handler broke")));
        var client = new PoolApiClient(broken, new Uri("https://api.example/"), "test", TimeSpan.FromSeconds(5), _log);
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        var lookup = new ServerLookup(session, client, new RetryPolicy(0), new BackoffGate(new FakeClock()), _log, fastest: null);

        Outcome<ServerList> outcome = await lookup.FindAsync(5, CancellationToken.None);

        Assert.Equal(PoolErrorKind.Unexpected, outcome.Failure!.Kind);
        Assert.Contains("Track 5", outcome.Failure.Message);
    }

    [Fact]
    public async Task CancellingEndsTheLookupInsteadOfBecomingAFailure()
    {
        using var stub = new ContractStub(_ => WireAnswer.Json("[]"));
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await (await LookupAsync(stub, maxRetries: 0)).FindAsync(337865, stopped.Token));
    }

    private async Task<ServerLookup> LookupAsync(ContractStub stub, int maxRetries, MirrorRanking? ranking = null)
    {
        var client = new PoolApiClient(_http, stub.Root, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), _log);
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        return new ServerLookup(session, client, new RetryPolicy(maxRetries, baseDelay: TimeSpan.Zero), new BackoffGate(MonotonicClock.System), _log, ranking);
    }

    private MirrorRanking Ranking() =>
        new(new MirrorProber(_http, "test"), new ProbeCache(4), samples: 1, TimeSpan.FromSeconds(5), DateTime.MinValue, _log);

    /// <summary>A loopback port nothing listens on: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

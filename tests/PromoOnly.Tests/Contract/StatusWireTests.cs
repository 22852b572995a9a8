using System.Text;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// API.md's status decisions as sequences of requests on the wire: a renewing session meets a 401
/// (or a 2xx <c>result</c> message) with one POST /user/authenticate and one retry carrying the new
/// token; 403/404 are answers, not reasons to ask again; 408/429/5xx are asked again.
/// </summary>
public sealed class StatusWireTests : IDisposable
{
    private const string First = "11111111111111111111111111111111";
    private const string Second = "22222222222222222222222222222222";
    private const string ServerList = "[{\"host\":\"dc03.promoonly.com\",\"id\":7}]";
    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);
    private int _issued;

    public void Dispose() => _http.Dispose();

    private static string Bearer(string token) => "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + token));

    /// <summary>Endpoint 2 as documented, a fresh token each time; anything else per <paramref name="lookup"/>.</summary>
    private Func<WireRequest, WireAnswer> Api(Func<int, WireAnswer> lookup)
    {
        int lookups = 0;
        return request =>
        {
            if (request.Target == "/user/authenticate")
            {
                string token = Interlocked.Increment(ref _issued) == 1 ? First : Second;
                return WireAnswer.Json($"{{\"code\":504,\"expires\":1585080310,\"server_time\":1585079710,\"token\":\"{token}\",\"userid\":1}}");
            }

            return lookup(Interlocked.Increment(ref lookups));
        };
    }

    private async Task<(PromoOnlySession Session, PoolApiClient Client)> ConnectAsync(ContractStub stub)
    {
        var client = new PoolApiClient(_http, stub.Root, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), new RecordingLog());
        PromoOnlySession session = await SessionOpener.WithApiKeyAsync(client, 1, Secure.From("wire-test-api-key"), Secure.From("wire-test-api-secret"), new FakeClock(), CancellationToken.None);
        return (session, client);
    }

    private static Task<ServerList> LookUp(PromoOnlySession session, PoolApiClient client, int maxRetries = 0) =>
        new RetryPolicy(maxRetries, baseDelay: TimeSpan.Zero).RunAsync(
            c => session.GetDownloadServersAsync(client, 337865, c), new BackoffGate(MonotonicClock.System), new RecordingLog(), "Track 337865", CancellationToken.None);

    [Theory]
    [InlineData(401, "{\"result\":\"Unauthorized\"}")]
    [InlineData(200, "{\"result\":\"Invalid token.\"}")]
    public async Task ARejectedTokenIsRenewedOnceAndTheRequestRepeatedWithTheNewOne(int status, string body)
    {
        using var stub = new ContractStub(Api(n => n == 1 ? new WireAnswer(status, body) : WireAnswer.Json(ServerList)));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        ServerList list = await LookUp(session, client);

        Assert.Equal(7, Assert.Single(list.Servers).Id);
        Assert.Equal(
            new[]
            {
                ("POST /user/authenticate HTTP/1.1", (string?)null),
                ("GET /download/server/337865 HTTP/1.1", Bearer(First)),
                ("POST /user/authenticate HTTP/1.1", null),
                ("GET /download/server/337865 HTTP/1.1", Bearer(Second)),
            },
            stub.Requests.Select(r => (r.RequestLine, r.Method == "GET" ? r.Single("Authorization") : null)));
    }

    [Theory]
    [InlineData("{\"result\":\"Invalid user id or access token.\"}")]
    [InlineData("{\"Result\":\"Invalid user id or access token.\"}")]
    public async Task AQueueAnswerThatIsOnlyAMessageRenewsOnceAndQueuesAgain(string message)
    {
        const string queued = "{\"Result\":\"Track successfully queued for download.\",\"dl_token\":\"dl-1\",\"servers\":[\"dc03.promoonly.com\"],\"trackid\":337865}";
        using var stub = new ContractStub(Api(n => WireAnswer.Json(n == 1 ? message : queued)));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        var answer = await session.WithBearerAsync((bearer, c) => client.QueueAsync(337865, bearer, c), "Track 337865", CancellationToken.None);

        Assert.Equal("dl-1", answer.DlToken);
        Assert.Equal(
            new[] { "POST /user/authenticate HTTP/1.1", "GET /download/queue/337865 HTTP/1.1", "POST /user/authenticate HTTP/1.1", "GET /download/queue/337865 HTTP/1.1" },
            stub.Requests.Select(r => r.RequestLine));
        Assert.Equal(Bearer(Second), stub.Requests.Last().Single("Authorization"));
    }

    [Fact]
    public async Task AQueueMessageThatRepeatsAfterRenewalIsShown()
    {
        using var stub = new ContractStub(Api(_ => WireAnswer.Json("{\"result\":\"Daily download limit reached.\"}")));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => session.WithBearerAsync((bearer, c) => client.QueueAsync(337865, bearer, c), "Track 337865", CancellationToken.None));

        Assert.Equal("Daily download limit reached.", ex.ServerMessage);
        Assert.Contains("'Daily download limit reached.'", ex.Message);
        Assert.Equal(2, stub.Requests.Count(r => r.Target == "/user/authenticate"));
    }

    [Fact]
    public async Task ASuccessSignalAnsweredWithAMessageRenewsOnceAndIsSentAgain()
    {
        using var stub = new ContractStub(Api(n => WireAnswer.Json(n == 1
            ? "{\"result\":\"Invalid user id or access token.\"}"
            : "{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}")));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        await session.WithBearerAsync(
            async (bearer, c) =>
            {
                await client.SignalSuccessAsync(337865, 7, "dl-1", bearer, c);
                return true;
            },
            "Track 337865",
            CancellationToken.None);

        Assert.Equal(
            new[] { "POST /user/authenticate HTTP/1.1", "POST /download/success HTTP/1.1", "POST /user/authenticate HTTP/1.1", "POST /download/success HTTP/1.1" },
            stub.Requests.Select(r => r.RequestLine));
        Assert.Equal(Bearer(Second), stub.Requests.Last().Single("Authorization"));
        Assert.Equal("trackid=337865&serverid=7&dl_token=dl-1", stub.Requests.Last().BodyText);
    }

    [Fact]
    public async Task A401ThatRepeatsAfterRenewalIsAnErrorAfterOneRenewal()
    {
        using var stub = new ContractStub(Api(_ => new WireAnswer(401, "{\"result\":\"Unauthorized\"}")));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => LookUp(session, client, maxRetries: 3));

        Assert.Equal(PoolErrorKind.Unauthorized, ex.Kind);
        Assert.Equal(2, stub.Requests.Count(r => r.Target == "/user/authenticate"));
        Assert.Equal(2, stub.Requests.Count(r => r.Target == "/download/server/337865"));
    }

    [Theory]
    [InlineData(403, "NotInSubscription")]
    [InlineData(404, "TrackNotFound")]
    public async Task ForbiddenAndNotFoundAreAnsweredOnceWithTheirMeaning(int status, string kind)
    {
        using var stub = new ContractStub(Api(_ => new WireAnswer(status, "{\"result\":\"no\"}")));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => LookUp(session, client, maxRetries: 3));

        Assert.Equal(kind, ex.Kind.ToString());
        Assert.Equal(1, stub.Requests.Count(r => r.Target == "/download/server/337865"));
        Assert.Equal(1, stub.Requests.Count(r => r.Target == "/user/authenticate"));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task TransientStatusesAreAskedAgain(int status)
    {
        using var stub = new ContractStub(Api(n => n == 1 ? new WireAnswer(status, "busy", "text/plain", "Retry-After: 0") : WireAnswer.Json(ServerList)));
        (PromoOnlySession session, PoolApiClient client) = await ConnectAsync(stub);

        ServerList list = await LookUp(session, client, maxRetries: 2);

        Assert.Single(list.Servers);
        Assert.Equal(2, stub.Requests.Count(r => r.Target == "/download/server/337865"));
        Assert.Equal(1, stub.Requests.Count(r => r.Target == "/user/authenticate"));
    }
}

using System.Net;
using System.Text;
using PromoOnly.Client;

namespace PromoOnly.Tests.Support;

/// <summary>
/// Plays endpoint 2 with a server clock far from the local one, and endpoint 1 accepting only the
/// newest token. Unit-test stand-in for small pieces; the emulator covers the real HTTP path.
/// </summary>
internal sealed class FakeTokenServer : HttpMessageHandler
{
    private readonly long _serverTime;
    private readonly int _lifetimeSeconds;
    private int _issued;

    public FakeTokenServer(int lifetimeSeconds, long serverTime = 1_000_000)
    {
        _lifetimeSeconds = lifetimeSeconds;
        _serverTime = serverTime;
    }

    public int AuthenticateCalls => Volatile.Read(ref _issued);

    public string CurrentToken => TokenFor(Volatile.Read(ref _issued));

    public PoolApiClient Client() => new(new HttpClient(this), new Uri("https://api.example/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        if (path == "/user/authenticate")
        {
            if (request.Headers.Authorization?.ToString() != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("key:fake-api-secret-value")))
            {
                return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, "{\"result\":\"Invalid API credentials.\"}"));
            }

            int n = Interlocked.Increment(ref _issued);
            return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, $"{{\"code\":504,\"expires\":{_serverTime + _lifetimeSeconds},\"server_time\":{_serverTime},\"token\":\"{TokenFor(n)}\",\"userid\":1}}"));
        }

        string expected = "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + CurrentToken));
        return Task.FromResult(request.Headers.Authorization?.ToString() == expected
            ? StubHandler.Json(HttpStatusCode.OK, "[{\"host\":\"a.example\",\"id\":1}]")
            : StubHandler.Json(HttpStatusCode.Unauthorized, "{\"result\":\"Invalid user id or access token.\"}"));
    }

    private static string TokenFor(int n) => n.ToString("x32");
}

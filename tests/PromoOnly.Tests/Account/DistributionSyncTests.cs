using System.Net;
using PromoOnly.Account;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Account;

/// <summary>The sync Connect-PromoOnly starts: whatever happens, its outcome is a line of text, never an exception.</summary>
public class DistributionSyncTests
{
    private static async Task<string> RunAsync(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        using var http = new HttpClient(new StubHandler(answer));
        var client = new PoolApiClient(http, new Uri("http://127.0.0.1:9/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"), validate: false, CancellationToken.None))!;
        return await DistributionSync.RunAsync(session, client);
    }

    [Fact]
    public async Task ASyncedDistributionIsQuoted() =>
        Assert.Equal("POOL distribution sync: 'Releases synced for userid: 1'.", await RunAsync(_ => StubHandler.Json(HttpStatusCode.OK, "{\"userid\":1,\"distribution\":\"Releases synced for userid: 1\"}")));

    [Fact]
    public async Task AServerErrorIsALineNotAnException()
    {
        string outcome = await RunAsync(_ => StubHandler.Json(HttpStatusCode.InternalServerError, "{\"result\":\"Internal server error.\"}"));

        Assert.StartsWith("The POOL distribution sync (GET /user/sync) failed", outcome);
        Assert.Contains("HTTP 500", outcome);
    }

    [Fact]
    public async Task ARejectedTokenIsReportedNotRenewed()
    {
        // The sync must not spend one of the session's renewals: the rejection is its whole outcome.
        int authenticate = 0;
        using var http = new HttpClient(new StubHandler(request =>
        {
            if (request.RequestUri!.AbsolutePath == "/user/authenticate")
            {
                Interlocked.Increment(ref authenticate);
                return StubHandler.Json(HttpStatusCode.OK, "{\"code\":504,\"expires\":1300,\"server_time\":1000,\"token\":\"8b26e1e4f3f5e00a888807e605565c47\",\"userid\":1}");
            }

            return StubHandler.Json(HttpStatusCode.Unauthorized, "{\"result\":\"Invalid user id or access token.\"}");
        }));
        var client = new PoolApiClient(http, new Uri("http://127.0.0.1:9/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());
        PromoOnlySession session = await SessionOpener.WithApiKeyAsync(client, 1, Secure.From("key"), Secure.From("secret"), MonotonicClock.System, CancellationToken.None);

        string outcome = await DistributionSync.RunAsync(session, client);

        Assert.Contains("HTTP 401", outcome);
        Assert.Equal(1, authenticate);
        Assert.Equal(0, session.RenewalCount);
    }

    [Fact]
    public async Task AFailingTransportIsALineNotAnException()
    {
        string outcome = await RunAsync(_ => throw new InvalidOperationException("boom"));

        Assert.StartsWith("The POOL distribution sync (GET /user/sync) failed", outcome);
        Assert.Contains("boom", outcome);
    }
}

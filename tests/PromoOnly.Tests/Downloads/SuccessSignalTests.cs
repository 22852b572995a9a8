using System.Net;
using System.Net.Sockets;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>
/// The success signal marks a track downloaded on every platform, so a repeat may count twice: it is
/// sent again only when the earlier try provably never reached the API, and otherwise left owed.
/// </summary>
public sealed class SuccessSignalTests
{
    private const string Success = "{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}";

    private static async Task<(SignalOutcome Outcome, int Sent)> SendAsync(params Func<HttpResponseMessage>[] answers)
    {
        int sent = 0;
        var handler = new StubHandler(_ => answers[Math.Min(Interlocked.Increment(ref sent), answers.Length) - 1]());
        var client = new PoolApiClient(new HttpClient(handler), new Uri("https://api.promoonly.com/"), "test", TimeSpan.FromSeconds(5), new RecordingLog());
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"), validate: false, CancellationToken.None))!;
        var signal = new SuccessSignal(session, client, new RetryPolicy(4, baseDelay: TimeSpan.Zero), new BackoffGate(MonotonicClock.System), new RecordingLog());

        (SignalOutcome outcome, _) = await signal.SendAsync(123401, 201, "dl-1", CancellationToken.None);
        return (outcome, sent);
    }

    private static Func<HttpResponseMessage> Throws(Exception failure) => () => throw failure;

    [Theory]
    [InlineData(SocketError.ConnectionRefused)]
    [InlineData(SocketError.HostNotFound)]
    public async Task ATryThatNeverReachedTheApiIsSentAgain(SocketError error)
    {
        var (outcome, sent) = await SendAsync(Throws(new HttpRequestException("no connection", new SocketException((int)error))), () => StubHandler.Json(HttpStatusCode.OK, Success));

        Assert.Equal(SignalOutcome.Confirmed, outcome);
        Assert.Equal(2, sent);
    }

    [Fact]
    public async Task AServerErrorIsSentOnceAndLeftOwed()
    {
        var (outcome, sent) = await SendAsync(() => StubHandler.Json(HttpStatusCode.InternalServerError, "{\"result\":\"Internal server error.\"}"));

        Assert.Equal(SignalOutcome.Pending, outcome);
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task AConnectionResetAfterTheRequestWentOutIsSentOnceAndLeftOwed()
    {
        var reset = new HttpRequestException("The response ended prematurely.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        var (outcome, sent) = await SendAsync(Throws(reset));

        Assert.Equal(SignalOutcome.Pending, outcome);
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task AnAnswerOtherThanSuccessIsDeclinedNotOwed()
    {
        var (outcome, sent) = await SendAsync(() => StubHandler.Json(HttpStatusCode.OK, "{\"result\":\"Invalid download token.\"}"));

        Assert.Equal(SignalOutcome.Declined, outcome);
        Assert.Equal(1, sent);
    }
}

using System.Net;
using System.Net.Http.Headers;
using PromoOnly.Client;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Client;

/// <summary>Status mapping, redirects, caps and timeouts, with a stub handler; the real-HTTP path is in EmulatorRoundTripTests.</summary>
public class PoolApiClientTests
{
    private static readonly Uri Base = new("https://api.example/");
    private static readonly AuthenticationHeaderValue Auth = new("Bearer", "c2VjcmV0");

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, nameof(PoolErrorKind.Unauthorized))]
    [InlineData(HttpStatusCode.Forbidden, nameof(PoolErrorKind.NotInSubscription))]
    [InlineData(HttpStatusCode.NotFound, nameof(PoolErrorKind.TrackNotFound))]
    [InlineData(HttpStatusCode.RequestTimeout, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData((HttpStatusCode)429, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData(HttpStatusCode.InternalServerError, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData(HttpStatusCode.BadGateway, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData(HttpStatusCode.ServiceUnavailable, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData(HttpStatusCode.GatewayTimeout, nameof(PoolErrorKind.ServiceUnavailable))]
    [InlineData(HttpStatusCode.BadRequest, nameof(PoolErrorKind.UnexpectedStatus))]
    [InlineData(HttpStatusCode.NotImplemented, nameof(PoolErrorKind.UnexpectedStatus))]
    public async Task StatusCodesMapToErrorKindsAndQuoteTheServer(HttpStatusCode status, string expected)
    {
        var client = CreateClient(new StubHandler(_ => StubHandler.Json(status, "{\"result\":\"Told you so.\"}")));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(337865, Auth, CancellationToken.None));

        Assert.Equal(expected, ex.Kind.ToString());
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Equal("Told you so.", ex.ServerMessage);
        Assert.Contains("Told you so.", ex.Message);
    }

    [Fact]
    public async Task RequestCarriesAcceptUserAgentAndBearer()
    {
        HttpRequestMessage? seen = null;
        var client = CreateClient(new StubHandler(r => { seen = r; return StubHandler.Json(HttpStatusCode.OK, "[]"); }));

        await client.GetDownloadServersAsync(337865, Auth, CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal(HttpMethod.Get, seen!.Method);
        Assert.Equal("https://api.example/download/server/337865", seen.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer c2VjcmV0", seen.Headers.Authorization!.ToString());
        Assert.Equal("application/json", Assert.Single(seen.Headers.Accept).MediaType);
        Assert.StartsWith("PromoOnly.PowerShell/", seen.Headers.UserAgent.ToString());
    }

    [Fact]
    public async Task BaseAddressWithAPathKeepsIt()
    {
        Uri? seen = null;
        var handler = new StubHandler(r => { seen = r.RequestUri; return StubHandler.Json(HttpStatusCode.OK, "[]"); });
        Assert.True(ApiAddress.TryNormalize(new Uri("https://gateway.example/pool"), out Uri baseUri, out _));
        var client = new PoolApiClient(new HttpClient(handler), baseUri, "test", TimeSpan.FromSeconds(5), new RecordingLog());

        await client.GetDownloadServersAsync(7, Auth, CancellationToken.None);

        Assert.Equal("https://gateway.example/pool/download/server/7", seen!.AbsoluteUri);
    }

    [Fact]
    public async Task SameOriginRedirectIsFollowedWithCredentials()
    {
        var handler = new StubHandler(r => r.RequestUri!.AbsolutePath == "/download/server/1"
            ? Redirect("/v2/download/server/1")
            : StubHandler.Json(HttpStatusCode.OK, "[{\"host\":\"a.example\",\"id\":1}]"));
        var client = CreateClient(handler);

        ServerList list = await client.GetDownloadServersAsync(1, Auth, CancellationToken.None);

        Assert.Single(list.Servers);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(Auth, r.Authorization));
    }

    [Theory]
    [InlineData("https://elsewhere.example/download/server/1")]
    [InlineData("http://api.example/download/server/1")]
    [InlineData("https://api.example:8443/download/server/1")]
    public async Task RedirectToAnotherOriginIsRefusedBeforeAnyRequestGoesThere(string location)
    {
        var handler = new StubHandler(_ => Redirect(location));
        var client = CreateClient(handler);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(1, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Redirected, ex.Kind);
        Uri only = Assert.Single(handler.Requests).Uri;
        Assert.Equal(Base.GetLeftPart(UriPartial.Authority), only.GetLeftPart(UriPartial.Authority));
    }

    [Theory]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData((HttpStatusCode)308)]
    public async Task A307Or308OfAPostResendsTheSameForm(HttpStatusCode status)
    {
        var forms = new List<(HttpMethod Method, string Path, string Form)>();
        var client = CreateClient(new StubHandler(r =>
        {
            forms.Add((r.Method, r.RequestUri!.AbsolutePath, r.Content!.ReadAsStringAsync().Result));
            return r.RequestUri.AbsolutePath == "/user/token/validate"
                ? Redirect("/v2/user/token/validate", status)
                : StubHandler.Json(HttpStatusCode.OK, "{\"token\":\"valid\"}");
        }));

        Assert.True(await client.ValidateTokenAsync(12, Secure.From("abc"), CancellationToken.None));

        Assert.Equal(2, forms.Count);
        Assert.All(forms, f => Assert.Equal((HttpMethod.Post, "userid=12&token=abc"), (f.Method, f.Form)));
        Assert.Equal("/v2/user/token/validate", forms[1].Path);
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.SeeOther)]
    public async Task A301To303OfAPostIsRefusedRatherThanLosingTheForm(HttpStatusCode status)
    {
        var handler = new StubHandler(_ => Redirect("/v2/user/token/validate", status));
        var client = CreateClient(handler);

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.ValidateTokenAsync(12, Secure.From("abc"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.Redirected, ex.Kind);
        Assert.Equal((int)status, ex.StatusCode);
        Assert.Contains("307 and 308", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RedirectLoopsEnd()
    {
        var client = CreateClient(new StubHandler(r => Redirect(r.RequestUri!.AbsolutePath + "x")));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(1, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Redirected, ex.Kind);
    }

    [Fact]
    public async Task OversizedAnswersAreRefusedWhetherOrNotTheyDeclareTheirLength()
    {
        byte[] huge = new byte[PoolApiClient.MaxBodyBytes + 10];
        var declared = CreateClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(huge) }));
        var streamed = CreateClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new UnknownLengthStream(huge)) }));

        var a = await Assert.ThrowsAsync<PoolApiException>(() => declared.GetDownloadServersAsync(1, Auth, CancellationToken.None));
        var b = await Assert.ThrowsAsync<PoolApiException>(() => streamed.GetDownloadServersAsync(1, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.InvalidResponse, a.Kind);
        Assert.Equal(PoolErrorKind.InvalidResponse, b.Kind);
    }

    [Fact]
    public async Task ASilentServerIsATimeoutNotAHang()
    {
        var handler = new DelegatingStub(async ct => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });
        var client = new PoolApiClient(new HttpClient(handler), Base, "test", TimeSpan.FromMilliseconds(100), new RecordingLog());

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(1, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task TheTimeLimitRunsOnTheClientsClock()
    {
        var arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegatingStub(async ct => { arrived.TrySetResult(true); await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });
        var clock = new FakeClock();
        var client = new PoolApiClient(new HttpClient(handler), Base, "test", TimeSpan.FromSeconds(30), new RecordingLog(), clock: clock);

        Task<ServerList> lookup = client.GetDownloadServersAsync(1, Auth, CancellationToken.None);
        await arrived.Task;
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(lookup.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => lookup);
        Assert.Equal(PoolErrorKind.Timeout, ex.Kind);
        Assert.Contains("within 30 seconds", ex.Message);
    }

    [Fact]
    public async Task CallerCancellationIsCancellationNotATimeout()
    {
        var handler = new DelegatingStub(async ct => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });
        var client = CreateClient(handler);
        using var cts = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetDownloadServersAsync(1, Auth, cts.Token));
    }

    [Fact]
    public async Task NetworkFailuresAreReportedAsSuch()
    {
        var client = CreateClient(new DelegatingStub(_ => throw new HttpRequestException("Connection refused")));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.GetDownloadServersAsync(1, Auth, CancellationToken.None));

        Assert.Equal(PoolErrorKind.Network, ex.Kind);
        Assert.Contains("Connection refused", ex.Message);
    }

    [Fact]
    public async Task VerboseLogNamesTheUrlButNeverTheCredential()
    {
        var log = new RecordingLog();
        var client = new PoolApiClient(new HttpClient(new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, "[]"))), Base, "test", TimeSpan.FromSeconds(5), log);

        await client.GetDownloadServersAsync(337865, Auth, CancellationToken.None);

        Assert.Contains(log.Lines, l => l.Contains("GET https://api.example/download/server/337865"));
        Assert.Contains(log.Lines, l => l.Contains("HTTP 200"));
        Assert.DoesNotContain(log.Lines, l => l.Contains("c2VjcmV0") || l.Contains("Bearer"));
    }

    [Theory]
    [InlineData("{\"token\":\"valid\"}", true)]
    [InlineData("{\"token\":\"invalid\"}", false)]
    public async Task TokenValidationReadsTheVerdict(string body, bool expected)
    {
        string? form = null;
        var client = CreateClient(new StubHandler(r => { form = r.Content!.ReadAsStringAsync().Result; return StubHandler.Json(HttpStatusCode.OK, body); }));

        bool valid = await client.ValidateTokenAsync(12, Secure.From("ab cd&é"), CancellationToken.None);

        Assert.Equal(expected, valid);
        Assert.Equal("userid=12&token=ab+cd%26%C3%A9", form);
    }

    [Theory]
    [InlineData("{\"token\":\"maybe\"}")]
    [InlineData("<html></html>")]
    [InlineData("")]
    public async Task TokenValidationRejectsOtherAnswers(string body)
    {
        var client = CreateClient(new StubHandler(_ => StubHandler.Json(HttpStatusCode.OK, body)));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => client.ValidateTokenAsync(1, Secure.From("x"), CancellationToken.None));

        Assert.Equal(PoolErrorKind.InvalidResponse, ex.Kind);
    }

    private static PoolApiClient CreateClient(HttpMessageHandler handler) =>
        new(new HttpClient(handler), Base, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(5), new RecordingLog());

    private static HttpResponseMessage Redirect(string location, HttpStatusCode status = HttpStatusCode.Found)
    {
        var response = new HttpResponseMessage(status);
        // Spelled out: Mono reads "/path" given RelativeOrAbsolute as an absolute file:// URI.
        response.Headers.Location = new Uri(location, location.StartsWith("/", StringComparison.Ordinal) ? UriKind.Relative : UriKind.Absolute);
        return response;
    }

    private sealed class DelegatingStub : HttpMessageHandler
    {
        private readonly Func<CancellationToken, Task<HttpResponseMessage>> _answer;

        public DelegatingStub(Func<CancellationToken, Task<HttpResponseMessage>> answer) => _answer = answer;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => _answer(cancellationToken);
    }

    private sealed class UnknownLengthStream : MemoryStream
    {
        public UnknownLengthStream(byte[] data) : base(data) { }

        public override bool CanSeek => false;
    }
}

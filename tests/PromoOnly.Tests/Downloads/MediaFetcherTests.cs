using System.Net;
using System.Net.Http.Headers;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>Issue 16, point 12: when http:// may follow a failed https:// and when it may not.</summary>
public sealed class MediaFetcherTests : IDisposable
{
    private readonly string _folder = TestFolder.Create("promo-fetch-");
    private long _nextTrackId;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(TransferResult Result, StubHandler Handler, RecordingLog Log)> FetchAsync(MediaSchemes schemes, Func<HttpRequestMessage, HttpResponseMessage> answer, bool requireHttps = false, string host = "dc03.promoonly.com")
    {
        var handler = new StubHandler(answer);
        var log = new RecordingLog();
        var fetcher = new MediaFetcher(new MediaTransfer(new HttpClient(handler), "test", TimeSpan.FromSeconds(5)), schemes, requireHttps, log);
        using var file = await PartialFile.OpenAsync(_folder, Interlocked.Increment(ref _nextTrackId), CancellationToken.None);
        var board = new ProgressBoard();
        TransferResult result = await fetcher.RunAsync(1, host, "tok", new AuthenticationHeaderValue("Bearer", "MTp4"), file, board.Begin(1, "t"), board, CancellationToken.None);
        return (result, handler, log);
    }

    private static HttpResponseMessage Media(HttpRequestMessage request) =>
        request.RequestUri!.Scheme == "https"
            ? throw new HttpRequestException("The SSL connection could not be established", new IOException("Received an unexpected EOF or 0 bytes from the transport stream."))
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 0x49, 0x44, 0x33, 3, 0, 0, 0, 0 }) };

    [Fact]
    public async Task AHostWithoutTlsIsUsedOverHttpAndRemembered()
    {
        var schemes = new MediaSchemes();

        var (result, handler, log) = await FetchAsync(schemes, Media);

        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Equal(new[] { "https", "http" }, handler.Requests.Select(r => r.Uri.Scheme));
        Assert.False(schemes.HttpsOffered("dc03.promoonly.com"));
        Assert.Single(log.Warnings);
    }

    [Fact]
    public async Task AHostWhoseHttpsWorkedBeforeIsNeverUsedOverHttp()
    {
        var schemes = new MediaSchemes();
        schemes.HttpsWorks("dc03.promoonly.com");

        var (result, handler, log) = await FetchAsync(schemes, Media);

        Assert.Equal(TransferStatus.MirrorFailed, result.Status);
        Assert.Equal("https", Assert.Single(handler.Requests).Uri.Scheme);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task AHostWhoseCertificateFailedIsNotUsedOverHttpInstead()
    {
        var schemes = new MediaSchemes();

        // .NET Framework's own report of a refused certificate.
        var (result, handler, _) = await FetchAsync(schemes, request => request.RequestUri!.Scheme == "https"
            ? throw new HttpRequestException("An error occurred while sending the request.", new WebException("Could not establish trust relationship for the SSL/TLS secure channel.", WebExceptionStatus.TrustFailure))
            : Media(request));

        Assert.Equal(TransferStatus.MirrorFailed, result.Status);
        Assert.True(result.Untrusted);
        Assert.Contains("certificate", result.Reason, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
        Assert.Null(schemes.HttpsOffered("dc03.promoonly.com"));
    }

    [Fact]
    public async Task HttpsThatAnswersIsUsedAndRemembered()
    {
        var schemes = new MediaSchemes();

        var (result, handler, log) = await FetchAsync(schemes, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 0x49, 0x44, 0x33, 3 }) });

        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Equal("https://dc03.promoonly.com/pool/v5/download/tok", Assert.Single(handler.Requests).Uri.AbsoluteUri);
        Assert.True(schemes.HttpsOffered("dc03.promoonly.com"));
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task LoopbackNeedsNoWarning()
    {
        var (result, _, log) = await FetchAsync(new MediaSchemes(), Media, host: "127.0.0.1:8080");

        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task RequireHttpsRefusesAHostWithoutTls()
    {
        var (result, handler, log) = await FetchAsync(new MediaSchemes(), Media, requireHttps: true);

        Assert.Equal(TransferStatus.MirrorFailed, result.Status);
        Assert.True(result.HttpsRequired);
        Assert.Equal("https", Assert.Single(handler.Requests).Uri.Scheme);
        Assert.Empty(log.Warnings);
    }
}

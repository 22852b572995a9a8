using System.Net;
using System.Net.Http.Headers;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>The media request's verification and resume rules, against answers a test chooses.</summary>
public sealed class MediaTransferTests : IDisposable
{
    private static readonly byte[] Content = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7)).ToArray();
    private static readonly AuthenticationHeaderValue Bearer = new("Bearer", "MTp4");
    private readonly string _folder = TestFolder.Create("promo-transfer-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static HttpResponseMessage Media(HttpStatusCode status, byte[] body, string type = "audio/mpeg")
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return response;
    }

    private async Task<(TransferResult Result, PartialFile File)> RunAsync(Func<HttpRequestMessage, HttpResponseMessage> answer, byte[]? existing = null, StubHandler? handler = null)
    {
        string path = Path.Combine(_folder, "t.partial");
        if (existing is not null)
        {
            File.WriteAllBytes(path, existing);
        }

        var file = await PartialFile.OpenAsync(path, CancellationToken.None);
        var transfer = new MediaTransfer(new HttpClient(handler ?? new StubHandler(answer)), "test", TimeSpan.FromSeconds(5));
        var board = new ProgressBoard();
        var result = await transfer.RunAsync("media.promoonly.com", "tok", Bearer, file, board.Begin(1, "t"), board, CancellationToken.None);
        return (result, file);
    }

    private static string Sha(byte[] bytes) { using var sha = System.Security.Cryptography.SHA256.Create(); return PartialFile.Hex(sha.ComputeHash(bytes)); }

    [Fact]
    public async Task AWholeFileIsWrittenAndHashedAsItArrives()
    {
        var (result, file) = await RunAsync(_ => Media(HttpStatusCode.OK, Content));
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A206WithAMatchingContentRangeContinuesTheFile()
    {
        var handler = new StubHandler(request =>
        {
            Assert.Equal(60_000, request.Headers.Range!.Ranges.Single().From);
            var response = Media(HttpStatusCode.PartialContent, Content.Skip(60_000).ToArray());
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(60_000, Content.Length - 1, Content.Length);
            return response;
        });

        var (result, file) = await RunAsync(null!, Content.Take(60_000).ToArray(), handler);
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.True(result.Resumed);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A200ToARangeRequestStartsOver()
    {
        var (result, file) = await RunAsync(_ => Media(HttpStatusCode.OK, Content), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.False(result.Resumed);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A206ForOtherBytesThrowsTheFileAwayInsteadOfAppending()
    {
        var (result, file) = await RunAsync(_ =>
        {
            var response = Media(HttpStatusCode.PartialContent, Content.Skip(10).ToArray());
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(10, Content.Length - 1, Content.Length);
            return response;
        }, Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
        }
    }

    [Theory]
    [InlineData("text/html", "<html><h1>Download limit reached</h1></html>")]
    [InlineData("application/json", "{\"result\":\"Invalid download token.\"}")]
    public async Task AMessageWhereMediaWasExpectedIsInvalidAndQuoted(string type, string body)
    {
        var (result, file) = await RunAsync(_ => Media(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes(body), type));
        using (file)
        {
            Assert.Equal(TransferStatus.Invalid, result.Status);
            Assert.Contains(type, result.Reason, StringComparison.Ordinal);
            Assert.Equal(0, file.Length);
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "TokenRefused")]
    [InlineData(HttpStatusCode.Forbidden, "TokenRefused")]
    [InlineData(HttpStatusCode.Gone, "TokenRefused")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "MirrorFailed")]
    [InlineData(HttpStatusCode.Found, "MirrorFailed")]
    public async Task StatusesMapToWhatTheDownloaderDoesNext(HttpStatusCode status, string next)
    {
        var expected = (TransferStatus)Enum.Parse(typeof(TransferStatus), next);
        var (result, file) = await RunAsync(_ => new HttpResponseMessage(status) { Content = new ByteArrayContent(Array.Empty<byte>()) });
        file.Dispose();
        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task AThrottledMirrorSaysHowLongEveryoneShouldWait()
    {
        var (result, file) = await RunAsync(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)429) { Content = new ByteArrayContent(Array.Empty<byte>()) };
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        file.Dispose();

        Assert.Equal(TransferStatus.MirrorFailed, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Throttle);
    }

    [Fact]
    public async Task TheBearerGoesOnlyToTheNamedHostAtTheContractPath()
    {
        var handler = new StubHandler(_ => Media(HttpStatusCode.OK, Content));
        var (_, file) = await RunAsync(null!, handler: handler);
        file.Dispose();

        var (uri, authorization) = Assert.Single(handler.Requests);
        Assert.Equal("http://media.promoonly.com/pool/v5/download/tok", uri.AbsoluteUri);
        Assert.Equal(Bearer, authorization);
    }
}

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

    /// <summary>An earlier run's partial file for track 1, with the validator of the answer that started it (none: no note at all).</summary>
    private void Leftover(byte[] bytes, string? validator = "\"v1\"", long noteTrackId = 1)
    {
        File.WriteAllBytes(PartialFile.PathFor(_folder, 1), bytes);
        if (validator is not null)
        {
            File.WriteAllText(ResumeNote.PathFor(_folder, 1), $"{{\"trackId\":{noteTrackId},\"validator\":{Newtonsoft.Json.JsonConvert.ToString(validator)}}}");
        }
    }

    private async Task<(TransferResult Result, PartialFile File)> RunAsync(Func<HttpRequestMessage, HttpResponseMessage> answer, byte[]? existing = null, StubHandler? handler = null, PartialFile? open = null, string token = "tok")
    {
        if (existing is not null)
        {
            Leftover(existing);
        }

        var file = open ?? await PartialFile.OpenAsync(_folder, 1, CancellationToken.None);
        var transfer = new MediaTransfer(new HttpClient(handler ?? new StubHandler(answer)), "test", TimeSpan.FromSeconds(5));
        var board = new ProgressBoard();
        var result = await transfer.RunAsync("media.promoonly.com", https: false, token, Bearer, file, board.Begin(1, "t"), board, CancellationToken.None);
        return (result, file);
    }

    private static HttpResponseMessage Rest(int from, string? etag = "\"v1\"")
    {
        var response = Media(HttpStatusCode.PartialContent, Content.Skip(from).ToArray());
        response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, Content.Length - 1, Content.Length);
        if (etag is not null)
        {
            response.Headers.ETag = new EntityTagHeaderValue(etag);
        }

        return response;
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

    [Fact]
    public async Task AResumeAsksWithIfRangeForTheAnswerThatStartedTheFile()
    {
        HttpRequestMessage? sent = null;
        var (result, file) = await RunAsync(request => { sent = request; return Rest(60_000); }, Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.Equal(60_000, sent!.Headers.Range!.Ranges.Single().From);
            Assert.Equal("\"v1\"", sent.Headers.IfRange!.EntityTag!.Tag);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task ALastModifiedValidatorIsSentAsAnIfRangeDate()
    {
        HttpRequestMessage? sent = null;
        Leftover(Content.Take(60_000).ToArray(), "Wed, 01 Jan 2020 00:00:00 GMT");

        var (result, file) = await RunAsync(request => { sent = request; return Rest(60_000, etag: null); });
        file.Dispose();

        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), sent!.Headers.IfRange!.Date);
    }

    [Fact]
    public async Task APartialWithoutAValidatorFromAnEarlierRunIsStartedOverWithoutRange()
    {
        // A mirror that watermarks each download would otherwise finish one download's head with another's tail.
        Leftover(Content.Take(60_000).ToArray(), validator: null);
        HttpRequestMessage? sent = null;

        var (result, file) = await RunAsync(request => { sent = request; return Media(HttpStatusCode.OK, Content); });
        using (file)
        {
            Assert.Null(sent!.Headers.Range);
            Assert.False(result.Resumed);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task APartialNotedForAnotherTrackIsNeverUsed()
    {
        Leftover(Content.Take(60_000).ToArray(), "\"v1\"", noteTrackId: 2);

        using var file = await PartialFile.OpenAsync(_folder, 1, CancellationToken.None);

        Assert.Equal(0, file.Length);
        Assert.Null(file.Validator);
    }

    [Fact]
    public async Task WithoutAValidatorOnlyTheSameDlTokensAnswerIsContinued()
    {
        var file = await PartialFile.OpenAsync(_folder, 1, CancellationToken.None);
        file.Begin(validator: null, "tok");
        await file.WriteAsync(Content, 60_000, CancellationToken.None);
        var requests = new List<HttpRequestMessage>();
        var handler = new StubHandler(request => { requests.Add(request); return request.Headers.Range is null ? Media(HttpStatusCode.OK, Content) : Rest(60_000, etag: null); });

        var (same, _) = await RunAsync(null!, handler: handler, open: file, token: "tok");
        Assert.True(same.Resumed);
        Assert.Null(requests[0].Headers.IfRange);
        Assert.NotNull(requests[0].Headers.Range);

        file.Restart();
        file.Begin(validator: null, "tok");
        await file.WriteAsync(Content, 60_000, CancellationToken.None);
        var (fresh, _) = await RunAsync(null!, handler: handler, open: file, token: "another");
        using (file)
        {
            Assert.False(fresh.Resumed);
            Assert.Null(requests[1].Headers.Range);
            Assert.Equal(Sha(Content), await file.CompleteAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task A206OfAnotherVersionThanTheOneKeptStartsOver()
    {
        var (result, file) = await RunAsync(_ => Rest(60_000, etag: "\"v2\""), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
        }
    }

    [Fact]
    public async Task A416ForAPartialLongerThanTheFileStartsOverOnce()
    {
        var (result, file) = await RunAsync(_ => new HttpResponseMessage((HttpStatusCode)416) { Content = new ByteArrayContent(Array.Empty<byte>()) }, Content);
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
        }

        // Started over, the next request asks for the whole file.
        HttpRequestMessage? next = null;
        var (again, reopened) = await RunAsync(request => { next = request; return Media(HttpStatusCode.OK, Content); });
        reopened.Dispose();
        Assert.Equal(TransferStatus.Complete, again.Status);
        Assert.Null(next!.Headers.Range);
    }

    [Fact]
    public async Task TheAnswerThatStartsAFileLeavesItsValidatorForALaterRun()
    {
        var (result, file) = await RunAsync(_ =>
        {
            var response = Media(HttpStatusCode.OK, Content);
            response.Headers.ETag = new EntityTagHeaderValue("\"abc\"");
            return response;
        });
        file.Dispose();

        using var later = await PartialFile.OpenAsync(_folder, 1, CancellationToken.None);
        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Equal(Content.Length, later.Length);
        Assert.Equal("\"abc\"", later.Validator);
    }
}

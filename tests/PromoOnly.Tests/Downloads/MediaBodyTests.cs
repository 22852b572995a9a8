using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>
/// Issue 16, points 5 and 10: a body is a file only when its length is proven and its first bytes
/// are not a message, and a mirror cannot grow a file past what it announced or past the limit.
/// </summary>
public sealed class MediaBodyTests : IDisposable
{
    private static readonly byte[] Content = Enumerable.Range(0, 200_000).Select(i => (byte)((i * 7) + (i >> 8))).ToArray();
    private readonly string _folder = TestFolder.Create("promo-body-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body, string type = "audio/mpeg", bool knownLength = true)
    {
        HttpContent content = knownLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new HttpResponseMessage(status) { Content = content };
    }

    private long _nextTrackId;

    private static HttpResponseMessage Partial(long from, long to, long? total, byte[] body, bool knownLength = true)
    {
        var response = Answer(HttpStatusCode.PartialContent, body, knownLength: knownLength);
        response.Content.Headers.ContentRange = total is { } t ? new ContentRangeHeaderValue(from, to, t) : new ContentRangeHeaderValue(from, to);
        return response;
    }

    private async Task<(TransferResult Result, PartialFile File, StubHandler Handler)> RunAsync(Func<HttpRequestMessage, HttpResponseMessage> answer, byte[]? existing = null, long maxFileSize = MediaTransfer.DefaultMaxFileSize, long? announced = null)
    {
        // An earlier run's bytes, with the validator of the answer that started them (so they may be continued).
        long trackId = Interlocked.Increment(ref _nextTrackId);
        if (existing is not null)
        {
            File.WriteAllBytes(PartialFile.PathFor(_folder, trackId), existing);
            File.WriteAllText(ResumeNote.PathFor(_folder, trackId), $"{{\"trackId\":{trackId},\"validator\":\"\\\"v1\\\"\"}}");
        }

        var file = await PartialFile.OpenAsync(_folder, trackId, CancellationToken.None);
        file.AnnouncedTotal = announced;
        var handler = new StubHandler(answer);
        var transfer = new MediaTransfer(new HttpClient(handler), "test", TimeSpan.FromSeconds(5), maxFileSize);
        var board = new ProgressBoard();
        var result = await transfer.RunAsync("media.promoonly.com", https: false, "tok", new AuthenticationHeaderValue("Bearer", "MTp4"), file, board.Begin(1, "t"), board, CancellationToken.None);
        return (result, file, handler);
    }

    [Fact]
    public async Task A206WithAnUnknownTotalAndABodyCutShortIsNeverComplete()
    {
        // bytes N-M/*, no Content-Length, and the connection closes early: only the range end could tell.
        var (result, file, _) = await RunAsync(_ => Partial(60_000, Content.Length - 1, null, Content.Skip(60_000).Take(50_000).ToArray(), knownLength: false), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.NotEqual(TransferStatus.Complete, result.Status);
        }
    }

    [Fact]
    public async Task A206WithAnUnknownTotalStartsOverEvenWhenItsRangeArrivesWhole()
    {
        var (result, file, _) = await RunAsync(_ => Partial(60_000, Content.Length - 1, null, Content.Skip(60_000).ToArray(), knownLength: false), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
            Assert.Contains("/*", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A206WhoseTotalDisagreesWithTheAnswerThatStartedTheFileStartsOver()
    {
        // The first answer said 200,000 bytes; a resume that claims 150,000 would "complete" a shorter file.
        var (result, file, _) = await RunAsync(_ => Partial(60_000, 149_999, 150_000, Content.Skip(60_000).Take(90_000).ToArray()), Content.Take(60_000).ToArray(), announced: Content.Length);
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
        }
    }

    [Fact]
    public async Task A206WhoseContentLengthDisagreesWithItsRangeStartsOver()
    {
        var (result, file, _) = await RunAsync(_ => Partial(60_000, 99_999, Content.Length, Content.Skip(60_000).Take(50_000).ToArray()), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(0, file.Length);
        }
    }

    [Fact]
    public async Task A206ForPartOfTheRestKeepsItsBytesAndIsNotYetComplete()
    {
        var (result, file, _) = await RunAsync(_ => Partial(60_000, 99_999, Content.Length, Content.Skip(60_000).Take(40_000).ToArray()), Content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Cut, result.Status);
            Assert.Equal(100_000, file.Length);
        }
    }

    [Fact]
    public async Task A200WithNeitherLengthNorChunkedFramingIsNotTakenForTheWholeFile()
    {
        var (result, file, _) = await RunAsync(_ => Answer(HttpStatusCode.OK, Content, knownLength: false));
        using (file)
        {
            Assert.Equal(TransferStatus.MirrorFailed, result.Status);
            Assert.Contains("Content-Length", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A200ChunkedBodyWithoutLengthIsProvenByItsFraming()
    {
        var (result, file, _) = await RunAsync(_ =>
        {
            var response = Answer(HttpStatusCode.OK, Content, knownLength: false);
            response.Headers.TransferEncodingChunked = true;
            return response;
        });
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.Equal(Content.Length, file.Length);
        }
    }

    [Theory]
    [InlineData("audio/mpeg", "{\"result\":\"Invalid download token.\"}", "JSON object")]
    [InlineData("application/octet-stream", "[{\"error\":1}]", "JSON array")]
    [InlineData("application/octet-stream", "\r\n<!DOCTYPE html><html><body>Download limit reached</body></html>", "HTML")]
    [InlineData("video/mp4", "\uFEFF<html><h1>Maintenance</h1></html>", "HTML")]
    [InlineData("audio/mpeg", "  {\"result\":\"x\"}", "JSON object")]
    public async Task AMessageIsNeverMediaWhateverTypeItClaims(string type, string body, string what)
    {
        var (result, file, _) = await RunAsync(_ => Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body), type));
        using (file)
        {
            Assert.Equal(TransferStatus.Invalid, result.Status);
            Assert.Contains(what, result.Reason, StringComparison.Ordinal);
            Assert.Contains(body.Trim().TrimStart('\uFEFF').Substring(0, 10), result.Reason, StringComparison.Ordinal);
            Assert.Equal(0, file.Length);
        }
    }

    [Fact]
    public async Task AResumedBodyThatHappensToStartWithABraceIsStillMedia()
    {
        byte[] content = (byte[])Content.Clone();
        content[60_000] = (byte)'{';
        content[60_001] = (byte)'"';
        var (result, file, _) = await RunAsync(_ => Partial(60_000, content.Length - 1, content.Length, content.Skip(60_000).ToArray()), content.Take(60_000).ToArray());
        using (file)
        {
            Assert.Equal(TransferStatus.Complete, result.Status);
            Assert.Equal(content.Length, file.Length);
        }
    }

    [Fact]
    public async Task AnEmptyBodyIsNotAFile()
    {
        var (result, file, _) = await RunAsync(_ => Answer(HttpStatusCode.OK, Array.Empty<byte>()));
        file.Dispose();
        Assert.Equal(TransferStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task MediaIsAskedForAsSentNeverCompressed()
    {
        var seen = new List<string>();
        var (result, file, _) = await RunAsync(request =>
        {
            seen.AddRange(request.Headers.AcceptEncoding.Select(e => e.ToString()));
            return Answer(HttpStatusCode.OK, Content);
        });
        file.Dispose();

        Assert.Equal(TransferStatus.Complete, result.Status);
        Assert.Equal(new[] { "identity" }, seen);
    }

    [Fact]
    public async Task ACompressedBodyIsRefusedUnwritten()
    {
        var (result, file, _) = await RunAsync(_ =>
        {
            var response = Answer(HttpStatusCode.OK, new byte[] { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 });
            response.Content.Headers.ContentEncoding.Add("gzip");
            return response;
        });
        using (file)
        {
            Assert.Equal(TransferStatus.MirrorFailed, result.Status);
            Assert.Contains("gzip", result.Reason, StringComparison.Ordinal);
            Assert.Equal(0, file.Length);
        }
    }

    [Fact]
    public async Task ABodyWithoutLengthStopsAtTheLimit()
    {
        var (result, file, _) = await RunAsync(_ =>
        {
            var response = Answer(HttpStatusCode.OK, Content, knownLength: false);
            response.Headers.TransferEncodingChunked = true;
            return response;
        }, maxFileSize: 100_000);
        using (file)
        {
            Assert.Equal(TransferStatus.Invalid, result.Status);
            Assert.Contains("-MaxFileSize", result.Reason, StringComparison.Ordinal);
            Assert.True(file.Length <= 100_000);
        }
    }

    [Fact]
    public async Task AnAnnouncedLengthOverTheLimitIsRefusedBeforeAnyByte()
    {
        var (result, file, _) = await RunAsync(_ => Answer(HttpStatusCode.OK, Content), maxFileSize: 100_000);
        using (file)
        {
            Assert.Equal(TransferStatus.Invalid, result.Status);
            Assert.Equal(0, file.Length);
        }
    }
}

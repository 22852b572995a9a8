using System.Text;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Contract;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

/// <summary>
/// One track's download when things go wrong, against raw-socket stand-ins of the API and its
/// mirrors (so the .NET Framework leg runs them too): failover to the next mirror, a cut transfer
/// continued with Range and If-Range, a 206 for another version started over, a refused dl_token
/// queued again once, an HTML page refused, a success signal that fails, and a mirror whose server id
/// the API does not list.
/// </summary>
public sealed class TrackDownloaderTests : IDisposable
{
    private const long TrackId = 337865;
    private const string QueueTarget = "/download/queue/337865";
    private const string ServerTarget = "/download/server/337865";
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private const string Acknowledged = "{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}";
    private static readonly byte[] Media = MediaBytes(3000);
    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);
    private readonly string _folder = TestFolder.Create("promo-downloader-");
    private readonly RecordingLog _log = new();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AMirrorThatFailsIsLeftForTheNextListedOne()
    {
        using var broken = new ContractStub(_ => new WireAnswer(500, "{\"result\":\"mirror down\"}"));
        using var good = new ContractStub(_ => Whole());
        using var api = Api(_ => "dl-1", broken.HostAndPort, good.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Null(outcome.Failure);
        Assert.Equal(good.HostAndPort, outcome.Value!.Host);
        Assert.Equal(Media, File.ReadAllBytes(outcome.Value.Path));
        Assert.Single(broken.Requests);
        Assert.Contains(_log.Lines, l => l.Contains($"{broken.HostAndPort}: HTTP 500; trying the next mirror"));
        Assert.Equal("trackid=337865&serverid=2&dl_token=dl-1", api.Requests.Single(r => r.Target == "/download/success").BodyText);
    }

    [Fact]
    public async Task ACutTransferContinuesFromItsLastByteWithRangeAndIfRange()
    {
        int calls = 0;
        using var mirror = new ContractStub(_ => Interlocked.Increment(ref calls) == 1
            ? new WireAnswer(200, string.Empty, "audio/mpeg", "ETag: \"v1\"") { Bytes = Media, SendOnly = 1000 }
            : new WireAnswer(206, string.Empty, "audio/mpeg", "ETag: \"v1\"", "Content-Range: bytes 1000-2999/3000") { Bytes = Media.Skip(1000).ToArray() });
        using var api = Api(_ => "dl-1", mirror.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 1);

        Assert.Null(outcome.Failure);
        Assert.True(outcome.Value!.Resumed);
        Assert.Equal(Media, File.ReadAllBytes(outcome.Value.Path));
        WireRequest second = mirror.Requests[1];
        Assert.Equal("bytes=1000-", second.Single("Range"));
        Assert.Equal("\"v1\"", second.Single("If-Range"));
    }

    [Fact]
    public async Task A206ForAnotherPartOfTheFileIsNeverSplicedInButStartedOver()
    {
        int calls = 0;
        using var mirror = new ContractStub(_ => Interlocked.Increment(ref calls) switch
        {
            1 => new WireAnswer(200, string.Empty, "audio/mpeg", "ETag: \"v1\"") { Bytes = Media, SendOnly = 1000 },
            2 => new WireAnswer(206, string.Empty, "audio/mpeg", "ETag: \"v1\"", "Content-Range: bytes 0-2999/3000") { Bytes = Media },
            _ => Whole(),
        });
        using var api = Api(_ => "dl-1", mirror.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 2);

        Assert.Null(outcome.Failure);
        Assert.Equal(Media, File.ReadAllBytes(outcome.Value!.Path));
        Assert.False(outcome.Value.Resumed);
        Assert.Equal(3, mirror.Requests.Count);
        Assert.Null(mirror.Requests[2].Single("Range"));
        Assert.Contains(_log.Lines, l => l.Contains("answered 206 with a Content-Range that does not continue the file; starting over"));
    }

    [Fact]
    public async Task ARefusedDownloadTokenQueuesTheTrackOnceMoreForAFreshOne()
    {
        using var mirror = new ContractStub(request => request.Target == "/pool/v5/download/dl-1"
            ? new WireAnswer(403, "{\"result\":\"token expired\"}")
            : Whole());
        using var api = Api(queueCall => $"dl-{queueCall}", mirror.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Null(outcome.Failure);
        Assert.Equal(2, api.Requests.Count(r => r.Target == $"/download/queue/{TrackId}"));
        Assert.Equal(new[] { "/pool/v5/download/dl-1", "/pool/v5/download/dl-2" }, mirror.Requests.Select(r => r.Target));
        Assert.EndsWith("dl_token=dl-2", api.Requests.Single(r => r.Target == "/download/success").BodyText);
    }

    [Fact]
    public async Task ATokenRefusedAgainAfterTheRequeueFailsTheTrackNamingEachTry()
    {
        using var mirror = new ContractStub(_ => new WireAnswer(403, "{\"result\":\"token expired\"}"));
        using var api = Api(queueCall => $"dl-{queueCall}", mirror.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Equal(PoolErrorKind.DownloadFailed, outcome.Failure!.Kind);
        Assert.Contains("tried 2:", outcome.Failure.Message);
        Assert.Equal(2, api.Requests.Count(r => r.Target == $"/download/queue/{TrackId}"));
        Assert.DoesNotContain(api.Requests, r => r.Target == "/download/success");
    }

    [Fact]
    public async Task ATrackThatFailsGivesItsTransferSlotBackToTheNext()
    {
        // With one transfer slot, a failed track that kept its slot would leave every later track waiting forever.
        int calls = 0;
        using var mirror = new ContractStub(_ => Interlocked.Increment(ref calls) <= 2 ? new WireAnswer(403, "{\"result\":\"token expired\"}") : Whole());
        using var api = Api(queueCall => $"dl-{queueCall}", mirror.HostAndPort);
        TrackDownloader downloader = await DownloaderAsync(api, maxRetries: 0, transfersAtOnce: 1);

        Outcome<TrackDownload> failed = await downloader.SaveAsync(TrackId, CancellationToken.None);
        Task<Outcome<TrackDownload>> next = downloader.SaveAsync(TrackId, CancellationToken.None);
        Task first = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMinutes(2)));

        Assert.Equal(PoolErrorKind.DownloadFailed, failed.Failure!.Kind);
        Assert.Same(next, first);
        Assert.Null((await next).Failure);
        Assert.Equal(Media, File.ReadAllBytes((await next).Value!.Path));
    }

    [Theory]
    [InlineData("text/html", "<html><body>Down for maintenance</body></html>")]
    [InlineData("audio/mpeg", "<!DOCTYPE html><html><body>Down for maintenance</body></html>")]
    public async Task AnHtmlPageIsRefusedQuotedAndNothingIsSavedOrSignalled(string contentType, string page)
    {
        using var mirror = new ContractStub(_ => new WireAnswer(200, page, contentType));
        using var api = Api(_ => "dl-1", mirror.HostAndPort);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Equal(PoolErrorKind.InvalidMediaResponse, outcome.Failure!.Kind);
        Assert.Contains("Down for maintenance", outcome.Failure.Message);
        Assert.DoesNotContain(Directory.GetFiles(_folder).Select(Path.GetFileName), name => !name!.StartsWith(".", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Requests, r => r.Target == "/download/success");
    }

    [Fact]
    public async Task AFailedSuccessSignalLeavesTheFileSavedAndTheSignalOwedInTheRecord()
    {
        using var mirror = new ContractStub(_ => Whole());
        using var api = Api(_ => "dl-1", new[] { mirror.HostAndPort }, success: () => new WireAnswer(500, "{\"result\":\"database error\"}"));

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Null(outcome.Failure);
        Assert.Equal(Media, File.ReadAllBytes(outcome.Value!.Path));
        Assert.False(outcome.Value.Acknowledged);
        PoolApiException problem = Assert.Single(outcome.Problems);
        Assert.Equal(PoolErrorKind.NotAcknowledged, problem.Kind);
        Assert.Contains("noted in the folder's download record as pending", problem.Message);
        RecordEntry owed = Assert.Single(new DownloadRecord(_folder).Pending());
        Assert.Equal((TrackId, 1, "dl-1"), (owed.TrackId, owed.Pending!.ServerId, owed.Pending.DlToken));
    }

    [Fact]
    public async Task AMirrorTheServerListDoesNotNameIsSavedWithoutASignalAndSaysWhy()
    {
        using var mirror = new ContractStub(_ => Whole());
        using var api = Api(_ => "dl-1", new[] { mirror.HostAndPort }, plainHostNames: true);

        Outcome<TrackDownload> outcome = await SaveAsync(api, maxRetries: 0);

        Assert.Null(outcome.Failure);
        Assert.Null(outcome.Value!.ServerId);
        Assert.False(outcome.Value.Acknowledged);
        Assert.Contains($"does not list {mirror.HostAndPort}", Assert.Single(outcome.Problems).Message);
        Assert.Single(api.Requests, r => r.Target == $"/download/server/{TrackId}");
        Assert.DoesNotContain(api.Requests, r => r.Target == "/download/success");
    }

    private static WireAnswer Whole() => new(200, string.Empty, "audio/mpeg", "ETag: \"v1\"") { Bytes = Media };

    private static ContractStub Api(Func<int, string> dlToken, params string[] mirrors) => Api(dlToken, mirrors, success: null);

    /// <summary>The API's side: the queue answer (its dl_token from the n-th queue call, 1-based), the server list, the success signal.</summary>
    private static ContractStub Api(Func<int, string> dlToken, string[] mirrors, Func<WireAnswer>? success = null, bool plainHostNames = false)
    {
        int queueCalls = 0;
        string servers = plainHostNames
            ? "[" + string.Join(",", mirrors.Select(m => $"\"{m}\"")) + "]"
            : "[" + string.Join(",", mirrors.Select((m, i) => $"{{\"host\":\"{m}\",\"id\":{i + 1}}}")) + "]";
        return new ContractStub(request => request.Target switch
        {
            QueueTarget => WireAnswer.Json(
                $"{{\"Result\":\"Track successfully queued for download.\",\"artist\":\"Katy Perry\",\"dl_token\":\"{dlToken(Interlocked.Increment(ref queueCalls))}\",\"file_type\":\"320 mp3\","
                + $"\"media_type\":2,\"mix\":\"Clean Extended\",\"servers\":{servers},\"title\":\"Roar\",\"trackid\":{TrackId}}}"),
            ServerTarget => WireAnswer.Json("[{\"host\":\"dc99.promoonly.com\",\"id\":9}]"),
            "/download/success" => success?.Invoke() ?? WireAnswer.Json(Acknowledged),
            _ => new WireAnswer(404, "{\"result\":\"no such endpoint\"}"),
        });
    }

    private async Task<Outcome<TrackDownload>> SaveAsync(ContractStub api, int maxRetries) =>
        await (await DownloaderAsync(api, maxRetries)).SaveAsync(TrackId, CancellationToken.None);

    private async Task<TrackDownloader> DownloaderAsync(ContractStub api, int maxRetries, int transfersAtOnce = 1)
    {
        var client = new PoolApiClient(_http, api.Root, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), _log);
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        return new TrackDownloader(session, client, new RetryPolicy(maxRetries, baseDelay: TimeSpan.Zero), new BackoffGate(MonotonicClock.System), _log, ranking: null,
            new MediaTransfer(_http, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), transfersAtOnce: transfersAtOnce), _folder, force: false);
    }

    /// <summary>Bytes that look like an MP3 (an ID3 tag, then binary), so no sniffer takes them for a message.</summary>
    private static byte[] MediaBytes(int length)
    {
        byte[] bytes = new byte[length];
        Encoding.ASCII.GetBytes("ID3\u0003").CopyTo(bytes, 0);
        for (int i = 4; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 % 251);
        }

        return bytes;
    }
}

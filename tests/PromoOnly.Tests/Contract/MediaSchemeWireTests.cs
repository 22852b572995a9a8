#if NET
using System.Net;
using System.Net.Sockets;
using System.Text;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// Issue 16, point 12, on the wire: the media request tries https:// first, falls back to http://
/// only where the host shows no TLS at all, remembers that per host for the session, warns once
/// per host off this machine, and with -RequireHttps sends nothing over http. The module's own
/// handler talks to names under promoonly.com; a connect hook carries every connection to the
/// stand-in on loopback, so the names are the live service's and the bytes are the stub's.
/// (.NET only: the hook is SocketsHttpHandler's.)
/// </summary>
public sealed class MediaSchemeWireTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private readonly string _folder = TestFolder.Create("promo-scheme-");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static WireAnswer Route(WireRequest request) => request.Target switch
    {
        var t when t.StartsWith("/download/queue/", StringComparison.Ordinal) => WireAnswer.Json(
            "{\"Result\":\"Track successfully queued for download.\",\"artist\":\"Katy Perry\",\"dl_token\":\"dl-" + t.Substring(16) + "\",\"file_type\":\"320 mp3\",\"mix\":\"Clean\","
            + "\"servers\":[{\"host\":\"dc03.promoonly.com\",\"id\":7}],\"title\":\"Roar " + t.Substring(16) + "\",\"trackid\":" + t.Substring(16) + "}"),
        var t when t.StartsWith("/pool/v5/download/", StringComparison.Ordinal) => new WireAnswer(200, "ID3\u0003 media of " + t, "audio/mpeg"),
        "/download/success" => WireAnswer.Json("{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}"),
        _ => new WireAnswer(404, "{\"result\":\"no such endpoint\"}"),
    };

    private async Task<(TrackDownloader Downloader, RecordingLog Log, HttpClient Http, PromoOnlySession Session)> DownloaderAsync(ContractStub stub, bool requireHttps, PromoOnlySession? session = null)
    {
        var handler = (SocketsHttpHandler)PoolHttp.CreateHandler(proxy: null);
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, stub.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        };
        var http = new HttpClient(handler, disposeHandler: true);
        var log = new RecordingLog();
        var client = new PoolApiClient(http, new Uri("http://api.promoonly.com/"), "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), log);
        session ??= (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        var downloader = new TrackDownloader(session, client, new RetryPolicy(0), new BackoffGate(MonotonicClock.System), log, ranking: null,
            new MediaTransfer(http, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30)), _folder, force: false, requireHttps);
        return (downloader, log, http, session);
    }

    [Fact]
    public async Task HttpsIsTriedFirstOncePerHostAndTheFallbackToHttpIsSaidOnce()
    {
        using var stub = new ContractStub(Route);
        var (downloader, log, http, _) = await DownloaderAsync(stub, requireHttps: false);
        using (http)
        {
            Outcome<TrackDownload> first = await downloader.SaveAsync(337865, CancellationToken.None);
            Outcome<TrackDownload> second = await downloader.SaveAsync(337866, CancellationToken.None);

            Assert.Null(first.Failure);
            Assert.Null(second.Failure);
            Assert.Equal(1, stub.TlsHellos);
            string warning = Assert.Single(log.Warnings);
            Assert.Contains("dc03.promoonly.com", warning, StringComparison.Ordinal);
            Assert.Contains("unencrypted", warning, StringComparison.Ordinal);
            WireRequest[] media = stub.Requests.Where(r => r.Target.StartsWith("/pool/v5/download/", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, media.Length);
            Assert.All(media, r => Assert.Equal("dc03.promoonly.com", r.Single("Host")));
        }
    }

    [Fact]
    public async Task RequireHttpsSendsNothingOverHttpAndSaysWhy()
    {
        using var stub = new ContractStub(Route);
        var (downloader, log, http, _) = await DownloaderAsync(stub, requireHttps: true);
        using (http)
        {
            Outcome<TrackDownload> outcome = await downloader.SaveAsync(337865, CancellationToken.None);

            Assert.Equal(PoolErrorKind.HttpsNotOffered, outcome.Failure!.Kind);
            Assert.Contains("dc03.promoonly.com", outcome.Failure.Message, StringComparison.Ordinal);
            Assert.Equal(1, stub.TlsHellos);
            Assert.DoesNotContain(stub.Requests, r => r.Target.StartsWith("/pool/v5/download/", StringComparison.Ordinal));
            Assert.Empty(log.Warnings);
        }
    }

    [Fact]
    public async Task ASecondCommandOnTheSameSessionNeitherAsksNorWarnsAgain()
    {
        using var stub = new ContractStub(Route);
        var (first, _, http, session) = await DownloaderAsync(stub, requireHttps: false);
        using (http)
        {
            await first.SaveAsync(337865, CancellationToken.None);
            var (second, log, http2, _) = await DownloaderAsync(stub, requireHttps: false, session);
            using (http2)
            {
                Assert.Null((await second.SaveAsync(337866, CancellationToken.None)).Failure);
                Assert.Equal(1, stub.TlsHellos);
                Assert.Empty(log.Warnings);
            }
        }
    }
}
#endif

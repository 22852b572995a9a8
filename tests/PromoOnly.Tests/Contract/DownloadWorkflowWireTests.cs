using System.Text;
using PromoOnly.Auth;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// The download workflow of API.md section 5 as one sequence on the wire: queue, media request on
/// the listed host, the server id from endpoint 1 when the queue listed a plain host name, and the
/// success signal exactly once, only when the file already has its final name.
/// </summary>
public sealed class DownloadWorkflowWireTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private const string Media = "ID3\u0003 not really an mp3, but bytes all the same";
    private static readonly string DocumentedBearer = "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + Token));
    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);
    private readonly string _folder = TestFolder.Create("promo-workflow-");

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueueMediaAndOneSuccessSignalAfterTheRename(bool plainHostNames)
    {
        string[] filesAtSignal = Array.Empty<string>();
        ContractStub? stub = null;
        stub = new ContractStub(request =>
        {
            string host = stub!.HostAndPort;
            switch (request.Target)
            {
                case "/download/queue/337865":
                    string servers = plainHostNames ? $"[\"{host}\"]" : $"[{{\"host\":\"{host}\",\"id\":\"7\"}}]";
                    return WireAnswer.Json("{\"Result\":\"Track successfully queued for download.\",\"artist\":\"Katy Perry\",\"bpm\":\"128\",\"dl_token\":\"dl-1\","
                        + $"\"file_type\":\"320 mp3\",\"media_type\":2,\"mix\":\"Clean Extended\",\"servers\":{servers},\"title\":\"Roar\",\"trackid\":337865}}");
                case "/pool/v5/download/dl-1":
                    return new WireAnswer(200, Media, "audio/mpeg");
                case "/download/server/337865":
                    return WireAnswer.Json($"[{{\"host\":\"{host}\",\"id\":7}}]");
                case "/download/success":
                    filesAtSignal = Directory.GetFiles(_folder).Select(Path.GetFileName).ToArray()!;
                    return WireAnswer.Json("{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}");
                default:
                    return new WireAnswer(404, "{\"result\":\"no such endpoint\"}");
            }
        });
        using (stub)
        {
            var client = new PoolApiClient(_http, stub.Root, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), new RecordingLog());
            PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
            var downloader = new TrackDownloader(session, client, new RetryPolicy(0), new BackoffGate(MonotonicClock.System), new RecordingLog(), ranking: null,
                new MediaTransfer(_http, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30)), _folder, force: false);

            Outcome<TrackDownload> outcome = await downloader.SaveAsync(337865, CancellationToken.None);

            Assert.Null(outcome.Failure);
            Assert.True(outcome.Value!.Acknowledged);
            Assert.Equal(Media, File.ReadAllText(outcome.Value.Path));
            string[] expected = plainHostNames
                ? new[] { "GET /download/queue/337865 HTTP/1.1", "GET /pool/v5/download/dl-1 HTTP/1.1", "GET /download/server/337865 HTTP/1.1", "POST /download/success HTTP/1.1" }
                : new[] { "GET /download/queue/337865 HTTP/1.1", "GET /pool/v5/download/dl-1 HTTP/1.1", "POST /download/success HTTP/1.1" };
            Assert.Equal(expected, stub.Requests.Select(r => r.RequestLine));
            Assert.All(stub.Requests, r => Assert.Equal(DocumentedBearer, r.Single("Authorization")));
            // https:// was tried first, once (the stub speaks no TLS), then http:// (API.md, our decisions).
            Assert.Equal(1, stub.TlsHellos);

            // Media arrives as sent, so its length is the file's (issue 16, point 10); API answers may be gzip.
            WireRequest media = stub.Requests.Single(r => r.Target == "/pool/v5/download/dl-1");
            Assert.Equal("identity", media.Single("Accept-Encoding"));
            Assert.All(stub.Requests.Where(r => r != media), r => Assert.Equal("gzip", r.Single("Accept-Encoding")));
            WireRequest signal = stub.Requests.Last();
            Assert.Equal("application/x-www-form-urlencoded", signal.Single("Content-Type"));
            Assert.Equal("trackid=337865&serverid=7&dl_token=dl-1", signal.BodyText);

            // The signal went out when the file had its final name and no .partial was left.
            Assert.Contains(outcome.Value.Name, filesAtSignal);
            Assert.DoesNotContain(filesAtSignal, f => f.EndsWith(PartialFile.Suffix, StringComparison.Ordinal));
        }
    }
}

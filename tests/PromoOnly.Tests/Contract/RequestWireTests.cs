using System.Text;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Probing;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// Every request the module sends, as bytes on a socket, against API.md's "wire" lines: method,
/// path, Authorization (or none), Content-Type and form body. The stand-in is written from API.md,
/// not from the emulator, so a habit the two share cannot hide a mismatch. The transport is the
/// module's own handler (PoolHttp), so what it adds or leaves out is what the live service sees.
/// </summary>
public sealed class RequestWireTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";

    // API.md endpoint 1: "Base64 of 1:8b26e1e4f3f5e00a888807e605565c47 is the header value after Bearer".
    private static readonly string DocumentedBearer = "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + Token));

    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);

    public void Dispose() => _http.Dispose();

    private static WireAnswer Documented(WireRequest request)
    {
        // The base-address test puts the API under /api/; every other test at the root.
        string endpoint = request.Target.StartsWith("/api/", StringComparison.Ordinal) ? request.Target.Substring(4) : request.Target;
        return endpoint switch
        {
            _ when endpoint.StartsWith("/download/server/", StringComparison.Ordinal) => WireAnswer.Json("[{\"host\":\"dc03.promoonly.com\",\"id\":7}]"),
            "/user/authenticate" => WireAnswer.Json($"{{\"code\":504,\"expires\":1585080310,\"server_time\":1585079710,\"token\":\"{Token}\",\"userid\":1}}"),
            "/user/token/validate" => WireAnswer.Json("{\"token\":\"valid\"}"),
            "/user/authenticate/signin" => WireAnswer.Json($"{{\"result\":\"Authenticated\",\"api_key\":\"k\",\"api_secret\":\"s\",\"userid\":1,\"token\":\"{Token}\",\"expiration\":1585080310,\"server_time\":1585079710}}"),
            _ when endpoint.StartsWith("/download/queue/", StringComparison.Ordinal) => WireAnswer.Json("{\"Result\":\"Track successfully queued for download.\",\"dl_token\":\"dl-1\",\"servers\":[\"dc03.promoonly.com\"],\"trackid\":337865}"),
            "/download/success" => WireAnswer.Json("{\"releaseid\":53719,\"result\":\"success\",\"titleid\":616165,\"type\":\"mp3\"}"),
            _ when endpoint.StartsWith("/releases/date/", StringComparison.Ordinal) => WireAnswer.Json("[]"),
            _ when endpoint.StartsWith("/release/", StringComparison.Ordinal) => WireAnswer.Json("{\"id\":53719,\"release\":\"R\",\"tracks\":[]}"),
            _ when endpoint.StartsWith("/track/versions/", StringComparison.Ordinal) => WireAnswer.Json("[]"),
            _ when endpoint.StartsWith("/search/", StringComparison.Ordinal) => WireAnswer.Json("{\"message\":\"\",\"results_found\":0,\"search_method\":\"ts\",\"search_results\":[]}"),
            _ when endpoint.StartsWith("/qsearch/", StringComparison.Ordinal) => WireAnswer.Json("{\"release_results\":[],\"title_results\":[]}"),
            _ when endpoint.StartsWith("/download/history/", StringComparison.Ordinal) => WireAnswer.Json("{\"Count\":0,\"Downloads\":[]}"),
            "/user/file_formats" => WireAnswer.Json("[{\"extension\":\".mp3\",\"format\":2,\"index\":1,\"type\":\"320 kbps mp3\"}]"),
            _ => new WireAnswer(404, "{\"result\":\"no such endpoint\"}"),
        };
    }

    /// <summary>A client for the address as Connect-PromoOnly resolves -ApiBaseUri.</summary>
    private PoolApiClient Client(ContractStub stub, string basePath = "/")
    {
        Assert.True(ApiAddress.TryResolve(new Uri(stub.Root, basePath), null, out Uri resolved, out _, out string problem), problem);
        return new(_http, resolved, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), new RecordingLog());
    }

    private async Task<CatalogueClient> Catalogue(PoolApiClient client)
    {
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        return new CatalogueClient(session, client, new RetryPolicy(0), new RecordingLog());
    }

    /// <summary>What no request may carry: a strict server may reject or stall on either.</summary>
    private static void AssertPlainFraming(WireRequest request)
    {
        Assert.Empty(request.Values("Expect"));
        Assert.Empty(request.Values("Transfer-Encoding"));
    }

    private static void AssertForm(WireRequest request, string body)
    {
        Assert.Equal("application/x-www-form-urlencoded", request.Single("Content-Type"));
        Assert.Equal(Encoding.ASCII.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Single("Content-Length"));
        Assert.Equal(body, request.BodyText);
        AssertPlainFraming(request);
    }

    [Fact]
    public async Task DownloadServersIsABearerGetOfTheTrackPath()
    {
        using var stub = new ContractStub(Documented);

        await Client(stub).GetDownloadServersAsync(337865, AuthorizationHeaders.Bearer(1, Secure.From(Token)), CancellationToken.None);

        WireRequest request = Assert.Single(stub.Requests);
        Assert.Equal("GET /download/server/337865 HTTP/1.1", request.RequestLine);
        Assert.Equal(DocumentedBearer, request.Single("Authorization"));
        Assert.Equal(stub.HostAndPort, request.Single("Host"));
        Assert.Empty(request.Values("Content-Type"));
        Assert.Empty(request.Body);
        AssertPlainFraming(request);
    }

    [Fact]
    public async Task AuthenticateIsABasicPostOfTheUserId()
    {
        using var stub = new ContractStub(Documented);

        await Client(stub).AuthenticateAsync(1, Secure.From("my-key"), Secure.From("my:secret"), CancellationToken.None);

        WireRequest request = Assert.Single(stub.Requests);
        Assert.Equal("POST /user/authenticate HTTP/1.1", request.RequestLine);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("my-key:my:secret")), request.Single("Authorization"));
        AssertForm(request, "userid=1");
    }

    [Fact]
    public async Task TokenValidationCarriesNoAuthorizationAndUserIdThenToken()
    {
        using var stub = new ContractStub(Documented);

        Assert.True(await Client(stub).ValidateTokenAsync(1, Secure.From(Token), CancellationToken.None));

        WireRequest request = Assert.Single(stub.Requests);
        Assert.Equal("POST /user/token/validate HTTP/1.1", request.RequestLine);
        Assert.Empty(request.Values("Authorization"));
        AssertForm(request, "userid=1&token=" + Token);
    }

    [Fact]
    public async Task SignInCarriesNoAuthorizationAndAFormEncodedEmailThenPassword()
    {
        using var stub = new ContractStub(Documented);

        await Client(stub).SignInAsync("dj+pool@example.com", Secure.From("p&ss wörd=1"), CancellationToken.None);

        WireRequest request = Assert.Single(stub.Requests);
        Assert.Equal("POST /user/authenticate/signin HTTP/1.1", request.RequestLine);
        Assert.Empty(request.Values("Authorization"));
        AssertForm(request, "email=dj%2Bpool%40example.com&password=p%26ss+w%C3%B6rd%3D1");
    }

    [Fact]
    public async Task QueueIsABearerGetAndSuccessABearerPostOfTrackServerAndDlToken()
    {
        using var stub = new ContractStub(Documented);
        PoolApiClient client = Client(stub);
        var bearer = AuthorizationHeaders.Bearer(1, Secure.From(Token));

        await client.QueueAsync(337865, bearer, CancellationToken.None);
        await client.SignalSuccessAsync(337865, 7, "a/b+c=", bearer, CancellationToken.None);

        WireRequest[] requests = stub.Requests.ToArray();
        Assert.Equal("GET /download/queue/337865 HTTP/1.1", requests[0].RequestLine);
        Assert.Equal(DocumentedBearer, requests[0].Single("Authorization"));
        Assert.Empty(requests[0].Body);
        Assert.Equal("POST /download/success HTTP/1.1", requests[1].RequestLine);
        Assert.Equal(DocumentedBearer, requests[1].Single("Authorization"));
        AssertForm(requests[1], "trackid=337865&serverid=7&dl_token=a%2Fb%2Bc%3D");
    }

    [Fact]
    public async Task CatalogueCallsAreBearerGetsOfTheDocumentedPaths()
    {
        using var stub = new ContractStub(Documented);
        CatalogueClient catalogue = await Catalogue(Client(stub));

        await catalogue.GetReleasePageAsync(1, null, CancellationToken.None);
        await catalogue.GetReleasePageAsync(2, new DateTime(2020, 3, 6), CancellationToken.None);
        await catalogue.GetReleaseAsync(53719, CancellationToken.None);
        await catalogue.GetTrackVersionsAsync(337865, CancellationToken.None);
        await catalogue.SearchAsync(new SearchQuery(artist: "katy perry", title: "roar", mix: "intro", genre: "dance", bpmMin: 100, bpmMax: 200), CancellationToken.None);
        await catalogue.GetHistoryPageAsync(3, HistoryMedia.Audio, HistoryView.Releases, CancellationToken.None);
        await catalogue.GetFileFormatsAsync(CancellationToken.None);

        Assert.Equal(
            new[]
            {
                "GET /releases/date/1 HTTP/1.1",
                "GET /releases/date/2/2020-03-06 HTTP/1.1",
                "GET /release/53719 HTTP/1.1",
                "GET /track/versions/337865 HTTP/1.1",
                "GET /search/artist:katy+perry+track:roar+mix:intro+genre:dance+bpm:100,200 HTTP/1.1",
                "GET /download/history/3/2/2 HTTP/1.1",
                "GET /user/file_formats HTTP/1.1",
            },
            stub.Requests.Select(r => r.RequestLine));
        Assert.All(stub.Requests, r =>
        {
            Assert.Equal(DocumentedBearer, r.Single("Authorization"));
            Assert.Empty(r.Body);
            AssertPlainFraming(r);
        });
    }

    [Theory]
    [InlineData("AC/DC", "GET /search/artist:AC%2FDC HTTP/1.1")]
    [InlineData("a+b:c", "GET /search/artist:a%2Bb%3Ac HTTP/1.1")]
    [InlineData("Beyoncé", "GET /search/artist:Beyonc%C3%A9 HTTP/1.1")]
    [InlineData("100% ?#", "GET /search/artist:100%25+%3F%23 HTTP/1.1")]
    public async Task SearchValuesAreEscapedSoTheyCannotEndTheirTerm(string artist, string line)
    {
        using var stub = new ContractStub(Documented);
        CatalogueClient catalogue = await Catalogue(Client(stub));

        await catalogue.SearchAsync(new SearchQuery(artist: artist), CancellationToken.None);

        Assert.Equal(line, Assert.Single(stub.Requests).RequestLine);
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/")]
    [InlineData("/api//")]
    public async Task ABaseAddressWithAPathKeepsItInFrontOfEveryEndpoint(string basePath)
    {
        using var stub = new ContractStub(Documented);
        PoolApiClient client = Client(stub, basePath);
        var bearer = AuthorizationHeaders.Bearer(1, Secure.From(Token));

        await client.GetDownloadServersAsync(5, bearer, CancellationToken.None);
        await client.ValidateTokenAsync(1, Secure.From(Token), CancellationToken.None);
        await (await Catalogue(client)).GetReleasePageAsync(1, null, CancellationToken.None);

        Assert.Equal(
            new[] { "GET /api/download/server/5 HTTP/1.1", "POST /api/user/token/validate HTTP/1.1", "GET /api/releases/date/1 HTTP/1.1" },
            stub.Requests.Select(r => r.RequestLine));
    }

    [Fact]
    public void TheLiveDefaultIsTheDocumentedAddress()
    {
        Assert.Equal("https://api.promoonly.com", ApiAddress.DefaultBaseUri);
        Assert.True(ApiAddress.TryResolve(null, null, out Uri resolved, out _, out _));
        Assert.Equal("https://api.promoonly.com/download/server/337865", ApiAddress.DownloadServers(resolved, 337865).AbsoluteUri);
    }

    [Fact]
    public async Task TheMediaRequestIsABearerGetOfTheDlTokenPathOnTheListedHost()
    {
        using var stub = new ContractStub(_ => new WireAnswer(200, "ID3 media bytes", "audio/mpeg"));
        string folder = TestFolder.Create("promo-wire-");
        try
        {
            using PartialFile file = await PartialFile.OpenAsync(folder, 1, CancellationToken.None);
            var board = new ProgressBoard();
            var transfer = new MediaTransfer(_http, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30));

            TransferResult result = await transfer.RunAsync(stub.HostAndPort, https: false, "dl-1", AuthorizationHeaders.Bearer(1, Secure.From(Token)), file, board.Begin(1, "t"), board, CancellationToken.None);

            Assert.Equal(TransferStatus.Complete, result.Status);
            WireRequest request = Assert.Single(stub.Requests);
            Assert.Equal("GET /pool/v5/download/dl-1 HTTP/1.1", request.RequestLine);
            Assert.Equal(stub.HostAndPort, request.Single("Host"));
            Assert.Equal(DocumentedBearer, request.Single("Authorization"));
            Assert.Empty(request.Values("Range"));
            AssertPlainFraming(request);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AProbeCarriesNoCredentials()
    {
        using var stub = new ContractStub(_ => new WireAnswer(404, string.Empty, "text/plain"));

        ProbeResult result = await new MirrorProber(_http, "PromoOnly.PowerShell/0.0.0-test").ProbeAsync(stub.HostAndPort, 2, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.Reachable);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r =>
        {
            Assert.Equal("HEAD / HTTP/1.1", r.RequestLine);
            Assert.Empty(r.Values("Authorization"));
            Assert.Empty(r.Values("Cookie"));
        });
    }
}

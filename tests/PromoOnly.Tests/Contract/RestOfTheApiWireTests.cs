using System.Text;
using PromoOnly.Account;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Preferences;
using PromoOnly.Reporting;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// Every request of contract section 7, as bytes on a socket, against API.md and the documentation's
/// own examples: method, path, Authorization (Bearer, or none for the user-id lookup), Content-Type
/// and form body. The stand-in answers each endpoint with its documented example.
/// </summary>
public sealed class RestOfTheApiWireTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private static readonly string DocumentedBearer = "Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + Token));

    private const string DocumentedNaming =
        "{\"file_name_01\":{\"0\":null,\"1\":\"Title\",\"2\":\"Artist\",\"3\":\"Mix\",\"selected\":2},\"file_name_01_modifier\":{\"0\":null,\"1\":\"-\",\"2\":\"_\",\"3\":\"( )\",\"4\":\"( ) - \",\"selected\":1}," +
        "\"file_name_02\":{\"0\":null,\"1\":\"Title\",\"2\":\"Artist\",\"3\":\"Mix\",\"selected\":1},\"file_name_02_modifier\":{\"0\":null,\"1\":\"-\",\"selected\":0}}";

    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);

    public void Dispose() => _http.Dispose();

    private static WireAnswer Documented(WireRequest request)
    {
        string endpoint = request.Target.StartsWith("/api/", StringComparison.Ordinal) ? request.Target.Substring(4) : request.Target;
        return endpoint switch
        {
            _ when endpoint.StartsWith("/genres/", StringComparison.Ordinal) => WireAnswer.Json("[{\"artist\":\"Khalid\",\"bpm\":103,\"media_type\":1,\"title\":\"Know Your Worth\",\"trackid\":374639}]"),
            _ when endpoint.StartsWith("/specialty/tracks/", StringComparison.Ordinal) => WireAnswer.Json("{\"track_count\":1,\"tracks\":[{\"id\":150493,\"media\":1,\"title\":\"Midnight Maniac\"}]}"),
            _ when endpoint.StartsWith("/specialty/decade/", StringComparison.Ordinal) => WireAnswer.Json("[{\"trackid\":44211,\"title\":\"100% Pure Love\"}]"),
            _ when endpoint.StartsWith("/specialty/", StringComparison.Ordinal) => WireAnswer.Json("[{\"downloaded\":50,\"id\":55293,\"release\":\"Party Classics\",\"tracks\":50}]"),
            _ when endpoint.StartsWith("/rsearch/", StringComparison.Ordinal) => WireAnswer.Json("[{\"id\":52421,\"release\":\"Summertime\",\"tracks\":1}]"),
            "/user/charts" => WireAnswer.Json("[{\"chart\":\"Mainstream Top 20\",\"chartid\":24200,\"format\":\"POOL Audio Charts\",\"show\":1}]"),
            "/user/formats" => WireAnswer.Json("[{\"format\":\"All Promo Only Formats\",\"id\":0},{\"format\":\"Hot Video\",\"id\":1}]"),
            "/user/save/format_filters" => WireAnswer.Json("{\"hide_formats\":\"1,3,5\"}"),
            "/user/options" => WireAnswer.Json("{\"chart_filters\":[],\"download_formats\":[],\"filenaming\":" + DocumentedNaming + "}"),
            "/user/filenaming" => WireAnswer.Json(DocumentedNaming),
            "/user/save/filenaming" => WireAnswer.Json("{\"result\":\"success\"}"),
            // The documentation's own example, trailing comma included.
            _ when endpoint.StartsWith("/download/remove/", StringComparison.Ordinal) => WireAnswer.Json("{\n    \"result\": \"success\",\n}"),
            "/download/redownload_request" => WireAnswer.Json("{\"result\":\"success\",\"tracks_requeued\":2}"),
            "/user/sync" => WireAnswer.Json("{\"userid\":1,\"distribution\":\"Releases synced for userid: 1\"}"),
            "/account/pool_userid" => WireAnswer.Json("{\"pool_userid\":1}"),
            _ when endpoint.StartsWith("/tracktrends/sessions/", StringComparison.Ordinal) => WireAnswer.Json("[{\"id\":770772,\"session\":\"6491.session\",\"ts\":1405459954}]"),
            _ when endpoint.StartsWith("/tracktrends/session/", StringComparison.Ordinal) => WireAnswer.Json("[{\"id\":969261,\"linkid\":0,\"played\":\"2013-12-18 14:56:29-05:00\",\"reported_artist\":\"Adele\",\"reported_title\":\"Rumour Has It\"}]"),
            _ => new WireAnswer(404, "{\"result\":\"no such endpoint\"}"),
        };
    }

    private PoolApiClient Client(ContractStub stub, string basePath = "/")
    {
        Assert.True(ApiAddress.TryResolve(new Uri(stub.Root, basePath), null, out Uri resolved, out _, out string problem), problem);
        return new(_http, resolved, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), new RecordingLog());
    }

    private static async Task<SessionCalls> CallsAsync(PoolApiClient client)
    {
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;
        return new SessionCalls(session, client, new RetryPolicy(0), new RecordingLog());
    }

    private static void AssertBearerGet(WireRequest request, string line)
    {
        Assert.Equal(line, request.RequestLine);
        Assert.Equal(DocumentedBearer, request.Single("Authorization"));
        Assert.Empty(request.Values("Content-Type"));
        Assert.Empty(request.Body);
        AssertPlainFraming(request);
    }

    private static void AssertForm(WireRequest request, string line, string? authorization, string body)
    {
        Assert.Equal(line, request.RequestLine);
        if (authorization is null)
        {
            Assert.Empty(request.Values("Authorization"));
        }
        else
        {
            Assert.Equal(authorization, request.Single("Authorization"));
        }

        Assert.Equal("application/x-www-form-urlencoded", request.Single("Content-Type"));
        Assert.Equal(Encoding.ASCII.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Single("Content-Length"));
        Assert.Equal(body, request.BodyText);
        AssertPlainFraming(request);
    }

    private static void AssertPlainFraming(WireRequest request)
    {
        Assert.Empty(request.Values("Expect"));
        Assert.Empty(request.Values("Transfer-Encoding"));
    }

    [Fact]
    public async Task BrowsingIsBearerGetsWithTheGenreSpelledAsDocumented()
    {
        using var stub = new ContractStub(Documented);
        var catalogue = new CatalogueClient(await CallsAsync(Client(stub)));

        Assert.Single((await catalogue.GetGenreTracksAsync("R&B", new DateTime(2020, 4, 9), CancellationToken.None)).Items);
        await catalogue.GetGenreTracksAsync("Top 40", new DateTime(2020, 4, 9, 23, 30, 0, DateTimeKind.Utc), CancellationToken.None);
        await catalogue.GetGenreTracksAsync("AC/DC?", new DateTime(2020, 4, 9), CancellationToken.None);
        Assert.Single((await catalogue.GetSpecialtyPageAsync(2, CancellationToken.None)).Items);
        Assert.Single((await catalogue.GetSpecialtyYearAsync(1973, CancellationToken.None)).Items);
        Assert.Single((await catalogue.GetDecadePageAsync(1990, 3, CancellationToken.None)).Items);
        Assert.Single((await catalogue.SearchReleasesAsync("summer time", CancellationToken.None)).Items);
        await catalogue.SearchReleasesAsync("AC/DC & 100%", CancellationToken.None);

        WireRequest[] requests = stub.Requests.ToArray();
        string[] lines =
        {
            "GET /genres/R_and_B/2020-04-09 HTTP/1.1",
            "GET /genres/Top_40/2020-04-09 HTTP/1.1",
            "GET /genres/AC%2FDC%3F/2020-04-09 HTTP/1.1",
            "GET /specialty/2 HTTP/1.1",
            "GET /specialty/tracks/1973 HTTP/1.1",
            "GET /specialty/decade/1990/3 HTTP/1.1",
            "GET /rsearch/summer+time HTTP/1.1",
            "GET /rsearch/AC%2FDC+%26+100%25 HTTP/1.1",
        };
        Assert.Equal(lines.Length, requests.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            AssertBearerGet(requests[i], lines[i]);
        }
    }

    [Fact]
    public async Task PreferenceReadsAreBearerGetsOfTheUserPaths()
    {
        using var stub = new ContractStub(Documented);
        var preferences = new PreferencesClient(await CallsAsync(Client(stub)));

        Assert.Single((await preferences.GetChartsAsync(CancellationToken.None)).Items);
        Assert.Equal(2, (await preferences.GetReleaseFormatsAsync(CancellationToken.None)).Items.Count);
        Assert.Equal("Artist", (await preferences.GetOptionsAsync(CancellationToken.None)).FileNaming!.Slots[0].Field);
        Assert.Equal("Title", (await preferences.GetFileNamingAsync(CancellationToken.None)).Slots[1].Field);

        WireRequest[] requests = stub.Requests.ToArray();
        AssertBearerGet(requests[0], "GET /user/charts HTTP/1.1");
        AssertBearerGet(requests[1], "GET /user/formats HTTP/1.1");
        AssertBearerGet(requests[2], "GET /user/options HTTP/1.1");
        AssertBearerGet(requests[3], "GET /user/filenaming HTTP/1.1");
    }

    [Fact]
    public async Task TheFormatFilterIsABearerPostOfALiteralCommaList()
    {
        using var stub = new ContractStub(Documented);
        var preferences = new PreferencesClient(await CallsAsync(Client(stub)));

        Assert.Equal(new[] { 1, 3, 5 }, await preferences.SaveFormatFiltersAsync(new[] { 1, 3, 5 }, CancellationToken.None));
        await preferences.SaveFormatFiltersAsync(Array.Empty<int>(), CancellationToken.None);

        AssertForm(stub.Requests[0], "POST /user/save/format_filters HTTP/1.1", DocumentedBearer, "hide_formats=1,3,5");
        AssertForm(stub.Requests[1], "POST /user/save/format_filters HTTP/1.1", DocumentedBearer, "hide_formats=");
    }

    [Fact]
    public async Task TheFileNamingIsABearerPostOfAllFifteenFields()
    {
        using var stub = new ContractStub(Documented);
        var preferences = new PreferencesClient(await CallsAsync(Client(stub)));
        FileNaming naming = await preferences.GetFileNamingAsync(CancellationToken.None);
        naming.Slots[1].Field = "Mix";
        naming.Slots[1].AllCaps = true;

        await preferences.SaveFileNamingAsync(naming, CancellationToken.None);

        AssertForm(
            stub.Requests[1],
            "POST /user/save/filenaming HTTP/1.1",
            DocumentedBearer,
            "fn1=2&fn2=3&fn3=0&fn4=0&fn5=0&fn1_mod=1&fn2_mod=0&fn3_mod=0&fn4_mod=0&fn5_mod=0&fn1_caps=0&fn2_caps=1&fn3_caps=0&fn4_caps=0&fn5_caps=0");
    }

    [Fact]
    public async Task QueueRemovalIsABearerGetAndTheRedownloadABearerPostOfTheDocumentedForm()
    {
        using var stub = new ContractStub(Documented);
        var account = new AccountClient(await CallsAsync(Client(stub)));

        Assert.True(await account.RemoveFromQueueAsync(356111, CancellationToken.None));
        Assert.Equal(2, await account.RequestRedownloadAsync(new long[] { 356111, 356115 }, "I lost all of my media when my hard drive crashed", CancellationToken.None));

        AssertBearerGet(stub.Requests[0], "GET /download/remove/356111 HTTP/1.1");
        // The documentation's PHP example: trackid_list=356111,356115&reason=urlencode("I lost …").
        AssertForm(stub.Requests[1], "POST /download/redownload_request HTTP/1.1", DocumentedBearer, "trackid_list=356111,356115&reason=I+lost+all+of+my+media+when+my+hard+drive+crashed");
    }

    [Fact]
    public async Task TheSyncIsABearerGet()
    {
        using var stub = new ContractStub(Documented);
        PoolApiClient client = Client(stub);
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From(Token), validate: false, CancellationToken.None))!;

        string outcome = await DistributionSync.RunAsync(session, client);

        Assert.Contains("Releases synced for userid: 1", outcome);
        AssertBearerGet(Assert.Single(stub.Requests), "GET /user/sync HTTP/1.1");
    }

    [Fact]
    public async Task TheUserIdLookupIsAPostOfTheEmailWithoutAnyAuthorization()
    {
        using var stub = new ContractStub(Documented);

        Assert.Equal(1, await UserIdLookup.LookupAsync(Client(stub), "test+dj@promoonly.com", new RetryPolicy(0), new RecordingLog(), CancellationToken.None));

        WireRequest request = Assert.Single(stub.Requests);
        AssertForm(request, "POST /account/pool_userid HTTP/1.1", authorization: null, "email=test%2Bdj%40promoonly.com");
        Assert.Empty(request.Values("Cookie"));
    }

    [Fact]
    public async Task DjSessionsAreBearerGetsOfTheTrackTrendsPaths()
    {
        using var stub = new ContractStub(Documented);
        var sessions = new DjSessionClient(await CallsAsync(Client(stub, "/api/")));

        Assert.Single((await sessions.GetSessionPageAsync(1, CancellationToken.None)).Items);
        Assert.Single((await sessions.GetSessionAsync(770772, CancellationToken.None)).Items);

        AssertBearerGet(stub.Requests[0], "GET /api/tracktrends/sessions/1 HTTP/1.1");
        AssertBearerGet(stub.Requests[1], "GET /api/tracktrends/session/770772 HTTP/1.1");
    }
}

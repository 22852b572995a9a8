using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Contract;

/// <summary>
/// Answers API.md allows but the examples do not show: "numbers that may arrive as strings",
/// "field types drift between pages … parse leniently". Each is served over real HTTP by the
/// stand-in and must read as the same data as its documented spelling; what API.md calls an error
/// (a message object, non-JSON, an object where an array was promised) must stay one.
/// </summary>
public sealed class AnswerLeniencyTests : IDisposable
{
    private const string Token = "8b26e1e4f3f5e00a888807e605565c47";
    private readonly HttpClient _http = new(PoolHttp.CreateHandler(proxy: null), disposeHandler: true);

    public void Dispose() => _http.Dispose();

    private PoolApiClient Client(ContractStub stub) =>
        new(_http, stub.Root, "PromoOnly.PowerShell/0.0.0-test", TimeSpan.FromSeconds(30), new RecordingLog());

    private static System.Net.Http.Headers.AuthenticationHeaderValue Bearer => AuthorizationHeaders.Bearer(1, Secure.From(Token));

    [Theory]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"7\"}]")]
    [InlineData("[{\"id\":\"7\",\"host\":\"dc03.promoonly.com\",\"region\":null}]")]
    public async Task AServerIdReadsTheSameAsNumberOrText(string body)
    {
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        ServerList list = await Client(stub).GetDownloadServersAsync(337865, Bearer, CancellationToken.None);

        DownloadServer server = Assert.Single(list.Servers);
        Assert.Equal((7, "dc03.promoonly.com"), (server.Id, server.Host));
    }

    [Theory]
    [InlineData("{\"result\":\"Invalid token.\"}", "Refused")]
    [InlineData("{\"host\":\"dc03.promoonly.com\",\"id\":7}", "InvalidResponse")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"seven\"}]", "InvalidResponse")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"-7\"}]", "InvalidResponse")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7},{\"host\":\"ny01", "InvalidResponse")]
    [InlineData("<html><body>Bad gateway</body></html>", "InvalidResponse")]
    [InlineData("", "InvalidResponse")]
    public async Task WhatIsNotAServerListStaysAnError(string body, string kind)
    {
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        var ex = await Assert.ThrowsAsync<PoolApiException>(() => Client(stub).GetDownloadServersAsync(5, Bearer, CancellationToken.None));

        Assert.Equal(kind, ex.Kind.ToString());
    }

    [Theory]
    [InlineData("{\"code\":504,\"expires\":1585080310,\"server_time\":1585079710,\"token\":\"" + Token + "\",\"userid\":1}")]
    [InlineData("{\"code\":\"504\",\"expires\":\"1585080310\",\"server_time\":\"1585079710\",\"token\":\"" + Token + "\",\"userid\":\"1\"}")]
    public async Task ATokenAnswerReadsTheSameWithNumbersAsText(string body)
    {
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        IssuedToken issued = await Client(stub).AuthenticateAsync(1, Secure.From("k"), Secure.From("s"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(600), issued.Lifetime);
    }

    [Theory]
    [InlineData("1", "1585080310", "1585079710")]
    [InlineData("\"1\"", "\"1585080310\"", "\"1585079710\"")]
    public async Task ASignInAnswerReadsTheSameWithNumbersAsText(string userId, string expiration, string serverTime)
    {
        string body = $"{{\"result\":\"Authenticated\",\"api_key\":\"k\",\"api_secret\":\"s\",\"userid\":{userId},\"token\":\"{Token}\",\"expiration\":{expiration},\"server_time\":{serverTime}}}";
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        SignInResult signedIn = await Client(stub).SignInAsync("dj@example.com", Secure.From("pw"), CancellationToken.None);

        Assert.Equal((1, TimeSpan.FromSeconds(600)), (signedIn.Token.UserId, signedIn.Token.Lifetime));
    }

    [Fact]
    public async Task AQueueAnswerWithTextNumbersAndMixedServerEntriesReadsFully()
    {
        const string body = "{\"Result\":\"Track successfully queued for download.\",\"artist\":\"Katy Perry\",\"bpm\":\"128\",\"content_warn\":\"False\","
            + "\"dl_token\":\"abc\",\"duration\":\"3:45\",\"explicit\":0,\"file_type\":\"320 mp3\",\"media_type\":\"2\",\"mix\":\"Clean Extended\","
            + "\"queueid\":\"12\",\"releaseid\":\"53719\",\"servers\":[\"dc03.promoonly.com\",{\"host\":\"ny01.promoonly.com\",\"id\":\"8\"},{\"host\":\"sl02.promoonly.com\",\"id\":9}],"
            + "\"title\":\"Roar\",\"titleid\":\"616165\",\"trackid\":\"337865\"}";
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        QueuedTrack queued = await Client(stub).QueueAsync(337865, Bearer, CancellationToken.None);

        Assert.Equal("abc", queued.DlToken);
        Assert.Equal(("Katy Perry", "Roar", "Clean Extended", "320 mp3"), (queued.Artist, queued.Title, queued.Mix, queued.FileType));
        Assert.Equal(
            new (string, int?)[] { ("dc03.promoonly.com", null), ("ny01.promoonly.com", 8), ("sl02.promoonly.com", 9) },
            queued.Servers.Select(s => (s.Host, s.Id)));
    }

    [Theory]
    [InlineData("{\"token\":\"valid\"}", true)]
    [InlineData("{\"token\":\"invalid\"}", false)]
    public async Task TokenValidationReadsBothDocumentedAnswers(string body, bool valid)
    {
        using var stub = new ContractStub(_ => WireAnswer.Json(body));

        Assert.Equal(valid, await Client(stub).ValidateTokenAsync(1, Secure.From(Token), CancellationToken.None));
    }

    [Fact]
    public async Task AGzipAnswerReadsAsTheSameData()
    {
        // The module unpacks API answers itself since the shared handler no longer decompresses (media must arrive as sent).
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
        {
            byte[] json = System.Text.Encoding.UTF8.GetBytes("[{\"host\":\"dc03.promoonly.com\",\"id\":7}]");
            gzip.Write(json, 0, json.Length);
        }

        using var stub = new ContractStub(_ => new WireAnswer(200, string.Empty, "application/json", "Content-Encoding: gzip") { Bytes = packed.ToArray() });

        ServerList list = await Client(stub).GetDownloadServersAsync(337865, Bearer, CancellationToken.None);

        Assert.Equal("dc03.promoonly.com", Assert.Single(list.Servers).Host);
        Assert.Equal("gzip", Assert.Single(stub.Requests).Single("Accept-Encoding"));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip, gzip")]
    public async Task AnAnswerInAnEncodingNotAskedForIsAnInvalidResponse(string coding)
    {
        using var stub = new ContractStub(_ => new WireAnswer(200, "[]", "application/json", "Content-Encoding: " + coding));

        var failure = await Assert.ThrowsAsync<PoolApiException>(() => Client(stub).GetDownloadServersAsync(337865, Bearer, CancellationToken.None));

        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
    }
}

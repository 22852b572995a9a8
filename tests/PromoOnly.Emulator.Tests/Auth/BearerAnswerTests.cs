using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PromoOnly.Emulator;
using PromoOnly.Emulator.Faults;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator.Tests.Auth;

/// <summary>
/// What every endpoint with a Bearer header answers to a missing, malformed, unknown or expired
/// one, byte for byte, with and without --bad-token-as-result: the queue, the success signal and
/// the media hosts always 401; the rest 401, or 200 with the same message under the quirk. The
/// check comes before fault tracks and --endpoint-fault, and --endpoint-fault reaches only the
/// section 7 endpoints without an id in their path.
/// </summary>
public sealed class BearerAnswerTests : IAsyncLifetime
{
    private const string User1Token = "8b26e1e4f3f5e00a888807e605565c47";
    private const string Refusal = "{\"result\":\"Invalid user id or access token.\"}";

    private RunningEmulator _plain = null!;
    private RunningEmulator _quirky = null!;
    private HttpClient _http = null!;

    public static TheoryData<string, string, bool> Endpoints => new()
    {
        // method, path, whether --bad-token-as-result turns its 401 into a 200
        { "GET", "download/server/200011", true },
        { "GET", "download/server/900003", true },
        { "GET", "download/queue/200011", false },
        { "GET", "download/queue/900003", false },
        { "POST", "download/success", false },
        { "GET", "download/remove/200011", true },
        { "GET", "download/remove/900003", true },
        { "POST", "download/redownload_request", true },
        { "GET", "user/sync", true },
        { "GET", "tracktrends/sessions/1", true },
        { "GET", "tracktrends/session/770100", true },
        { "GET", "tracktrends/session/900003", true },
        { "GET", "release/50000", true },
        { "GET", "track/versions/200011", true },
        { "GET", "user/file_formats", true },
        { "GET", "user/charts", true },
    };

    public static TheoryData<string?> BadHeaders => new()
    {
        null,
        "Bearer",
        "Bearer !!not-base64!!",
        "Bearer " + Base64("1" + User1Token),
        "Bearer " + Base64("one:" + User1Token),
        "Bearer " + Base64("1:0000000000000000000000000000000"),
        "Bearer " + Base64("99:" + User1Token),
        "Basic " + Base64("1:" + User1Token),
    };

    public async Task InitializeAsync()
    {
        _plain = await EmulatorServer.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0" });
        var quirky = new EmulatorOptions { Urls = "http://127.0.0.1:0", BadTokenAsResult = true };
        quirky.EndpointFaults["/download"] = FaultShape.Html;
        quirky.EndpointFaults["/tracktrends"] = FaultShape.Html;
        quirky.EndpointFaults["/user"] = FaultShape.Html;
        quirky.EndpointFaults["/release"] = FaultShape.Html;
        quirky.EndpointFaults["/track"] = FaultShape.Html;
        _quirky = await EmulatorServer.StartAsync(quirky);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _plain.DisposeAsync();
        await _quirky.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryBadHeaderIsRefusedTheSameWayBeforeAnythingElse(string method, string path, bool quirkAnswers200)
    {
        foreach (string? header in BadHeaders)
        {
            (HttpStatusCode plainStatus, string? plainType, string plainBody) = await SendAsync(_plain, method, path, header);
            (HttpStatusCode quirkyStatus, string? quirkyType, string quirkyBody) = await SendAsync(_quirky, method, path, header);

            Assert.Equal((HttpStatusCode.Unauthorized, "application/json; charset=utf-8", Refusal), (plainStatus, plainType, plainBody));
            Assert.Equal((quirkAnswers200 ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, "application/json; charset=utf-8", Refusal), (quirkyStatus, quirkyType, quirkyBody));
        }
    }

    [Fact]
    public async Task TheMediaHostsRefuseABadHeaderWith401Always()
    {
        foreach (RunningEmulator emulator in new[] { _plain, _quirky })
        {
            JsonNode queued = JsonNode.Parse((await SendAsync(emulator, "GET", "download/queue/200011", Bearer())).Body)!;
            var media = new Uri($"http://{(string)queued["servers"]![0]!["host"]!}/pool/v5/download/{(string)queued["dl_token"]!}");

            foreach (string? header in BadHeaders)
            {
                Assert.Equal((HttpStatusCode.Unauthorized, "application/json; charset=utf-8", Refusal), await SendAsync(media, "GET", header));
            }

            Assert.Equal(HttpStatusCode.OK, (await SendAsync(media, "GET", Bearer())).Status);
        }
    }

    [Fact]
    public async Task EndpointFaultsReachOnlyTheEndpointsWithoutAnIdInTheirPath()
    {
        Assert.Equal("{\"result\":\"success\"}", (await SendAsync(_quirky, "GET", "download/remove/200011", Bearer())).Body);
        Assert.StartsWith("[{\"id\":77010000,", (await SendAsync(_quirky, "GET", "tracktrends/session/770100", Bearer())).Body);
        Assert.Contains("\"Result\":\"Track successfully queued for download.\"", (await SendAsync(_quirky, "GET", "download/queue/200011", Bearer())).Body);
        Assert.StartsWith("[{\"host\":", (await SendAsync(_quirky, "GET", "download/server/200011", Bearer())).Body);
        Assert.Contains("\"tracks\":[", (await SendAsync(_quirky, "GET", "release/50000", Bearer())).Body);

        foreach ((string method, string path) in new[] { ("GET", "tracktrends/sessions/1"), ("GET", "user/sync"), ("POST", "download/redownload_request"), ("GET", "user/charts") })
        {
            (HttpStatusCode status, string? type, _) = await SendAsync(_quirky, method, path, Bearer());
            Assert.Equal((HttpStatusCode.OK, "text/html; charset=utf-8"), (status, type));
        }
    }

    [Fact]
    public async Task FaultTracksAnswerAfterTheHeaderIsAccepted()
    {
        foreach (string path in new[] { "download/remove/900001", "tracktrends/session/900001", "download/queue/900001", "download/server/900001", "track/versions/900001" })
        {
            (HttpStatusCode status, string? type, _) = await SendAsync(_plain, "GET", path, Bearer());
            Assert.Equal((HttpStatusCode.OK, "text/html; charset=utf-8"), (status, type));
        }
    }

    private Task<(HttpStatusCode Status, string? Type, string Body)> SendAsync(RunningEmulator emulator, string method, string path, string? authorization) =>
        SendAsync(new Uri(emulator.BaseAddress, path), method, authorization);

    private async Task<(HttpStatusCode Status, string? Type, string Body)> SendAsync(Uri uri, string method, string? authorization)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["trackid_list"] = "200011", ["reason"] = "Lost", ["trackid"] = "200011" });
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    private static string Bearer() => "Bearer " + Base64("1:" + User1Token);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

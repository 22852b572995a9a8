using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PromoOnly.Emulator;
using PromoOnly.Emulator.Options;

namespace PromoOnly.Emulator.Tests.Catalogue;

/// <summary>
/// The emulator's download workflow and catalogue tell one story (src/PromoOnly.Emulator/README.md,
/// "Downloads"): the queue describes a catalogue track as the catalogue does, and a success signal
/// marks the track downloaded for that account in every catalogue answer and the history.
/// </summary>
public sealed class EmulatorDownloadStateTests : IAsyncLifetime
{
    private const string User1Token = "8b26e1e4f3f5e00a888807e605565c47";
    private const string User2Token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private RunningEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0" });
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task TheQueueDescribesACatalogueTrackAsItsReleaseDoes()
    {
        bool sawVideo = false, sawExplicit = false, sawClean = false;
        foreach (int releaseId in new[] { 50000, 50001, 50002, 50010, 50011 })
        {
            JsonNode release = await GetAsync(1, $"release/{releaseId}");
            foreach (JsonNode? track in release["tracks"]!.AsArray())
            {
                string id = Text(track!["trackid"]);
                JsonNode queued = await GetAsync(1, $"download/queue/{id}");

                foreach (string field in new[] { "artist", "title", "mix", "genre", "bpm", "label", "duration", "titleid", "trackid" })
                {
                    Assert.True(Text(track[field]) == Text(queued[field]), $"{id} {field}: release says {track[field]}, queue says {queued[field]}");
                }

                bool isExplicit = Text(track["content_warning"]) == "True";
                Assert.Equal(isExplicit ? "True" : "False", (string?)queued["content_warn"]);
                Assert.Equal(isExplicit ? 1 : 0, (int)queued["explicit"]!);
                Assert.Equal((int)track["media_type"]!, (int)queued["media_type"]!);
                Assert.EndsWith((int)track["media_type"]! == 1 ? " mp4" : " mp3", (string?)queued["file_type"]);
                Assert.Equal(Text(release["release"]), (string?)queued["release_name"]);
                Assert.Equal(Text(release["id"]), (string?)queued["releaseid"]);
                Assert.Equal(Text(release["year"]), (string?)queued["release_year"]);
                Assert.Equal("Track successfully queued for download.", (string?)queued["Result"]);
                sawVideo |= (int)queued["media_type"]! == 1;
                sawExplicit |= isExplicit;
                sawClean |= !isExplicit;
            }
        }

        Assert.True(sawVideo && sawExplicit && sawClean, "the releases checked should hold video, explicit and clean tracks");
    }

    [Fact]
    public async Task AHostNamedCatalogueFileIsNamedAfterTheCatalogueTrack()
    {
        // Release 50000 holds 200015, and ids ending in 5 are the ones a media host names.
        JsonNode release = await GetAsync(1, "release/50000");
        JsonNode track = release["tracks"]!.AsArray().Single(t => Text(t!["trackid"]) == "200015")!;

        JsonNode media = await GetAsync(null, "_emulator/media/200015");

        Assert.Equal($"{Text(track["artist"])} - {Text(track["title"])} ({Text(track["mix"])}).mp3", (string?)media["fileName"]);
    }

    [Fact]
    public async Task ANonCatalogueTrackKeepsItsArithmeticQueueAnswer()
    {
        JsonNode queued = await GetAsync(1, "download/queue/123401");

        Assert.Equal(("Promo Only Club Hits", "53719", "124401", "Dance"), ((string?)queued["release_name"], (string?)queued["releaseid"], (string?)queued["titleid"], (string?)queued["genre"]));
        Assert.Equal("Track 123401", (string?)queued["title"]);
    }

    [Fact]
    public async Task ASuccessSignalMarksTheTrackDownloadedEverywhereForThatAccountOnly()
    {
        JsonNode before = await GetAsync(1, "release/50000");
        string user2Before = (await GetAsync(2, "release/50000")).ToJsonString();
        JsonNode fresh = before["tracks"]!.AsArray().First(t => !(bool)t!["downloaded"]! && (int)t["media_type"]! == 2)!;
        int trackId = int.Parse(Text(fresh["trackid"]), CultureInfo.InvariantCulture);
        Assert.Equal(0, await ReleaseListFlagAsync(50000));
        long signalledFrom = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        JsonNode success = await DownloadAsync(1, trackId);

        long signalledBy = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(("success", 50000, Text(fresh["titleid"]), "mp3"), ((string?)success["result"], (int)success["releaseid"]!, Text(success["titleid"]), (string?)success["type"]));

        // /release/{id}: that track, and only it, changed.
        JsonNode after = await GetAsync(1, "release/50000");
        var changed = before["tracks"]!.AsArray().Zip(after["tracks"]!.AsArray())
            .Where(p => (bool)p.First!["downloaded"]! != (bool)p.Second!["downloaded"]!)
            .Select(p => (int)p.Second!["trackid"]!)
            .ToArray();
        Assert.Equal(new[] { trackId }, changed);

        // /track/versions of another version of the title, and search, show it too.
        JsonNode versions = await GetAsync(1, $"track/versions/{FirstOtherVersion(await GetAsync(1, $"track/versions/{trackId}"))}");
        Assert.Equal(1, (int)versions.AsArray().Single(v => (int)v!["trackid"]! == trackId)!["downloaded"]!);
        JsonNode found = await GetAsync(1, $"search/artist:{SearchValue(Text(fresh["artist"]))}+track:{SearchValue(Text(fresh["title"]))}");
        Assert.Equal("True", (string?)found["search_results"]!.AsArray().Single(r => Text(r!["trackid"]) == trackId.ToString(CultureInfo.InvariantCulture))!["downloaded"]);

        // The history has it first, dated at the signal, in the all and audio views but not video.
        foreach (string media in new[] { "0", "2" })
        {
            JsonNode head = (await GetAsync(1, $"download/history/1/{media}/1"))["Downloads"]![0]!;
            Assert.Equal(trackId, (int)head["trackid"]!);
            Assert.InRange(long.Parse((string)head["date"]!, CultureInfo.InvariantCulture), signalledFrom, signalledBy);
            Assert.Equal(Text(fresh["title"]), (string?)head["title"]);
        }

        Assert.DoesNotContain((await GetAsync(1, "download/history/1/1/1"))["Downloads"]!.AsArray(), l => (int?)l!["trackid"] == trackId);
        Assert.Equal(50000, (int)(await GetAsync(1, "download/history/1/0/2"))["Downloads"]![0]!["releaseid"]!);

        // Another account saw nothing.
        Assert.Equal(user2Before, (await GetAsync(2, "release/50000")).ToJsonString());
    }

    [Fact]
    public async Task AReleaseIsDownloadedOnceEveryTrackIsSignalled()
    {
        JsonNode release = await GetAsync(1, "release/50000");
        int[] missing = release["tracks"]!.AsArray().Where(t => !(bool)t!["downloaded"]!).Select(t => int.Parse(Text(t!["trackid"]), CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(missing);

        foreach (int id in missing)
        {
            Assert.Equal(0, await ReleaseListFlagAsync(50000));
            await DownloadAsync(1, id);
        }

        Assert.Equal(1, await ReleaseListFlagAsync(50000));
    }

    [Fact]
    public async Task ConcurrentSignalsAreAllRemembered()
    {
        int[] ids = (await GetAsync(1, "search/genre:Pop"))["search_results"]!.AsArray()
            .Where(r => (string?)r!["downloaded"] == "False")
            .Select(r => int.Parse(Text(r!["trackid"]), CultureInfo.InvariantCulture))
            .Take(16)
            .ToArray();
        Assert.Equal(16, ids.Length);
        int countBefore = (int)(await GetAsync(1, "download/history/1/0/1"))["Count"]!;

        await Task.WhenAll(ids.Select(id => DownloadAsync(1, id)));

        JsonNode history = await GetAsync(1, "download/history/1/0/1");
        Assert.Equal(countBefore + ids.Length, (int)history["Count"]!);
        Assert.Equal(ids.Order(), history["Downloads"]!.AsArray().Take(ids.Length).Select(l => (int)l!["trackid"]!).Order());
        Assert.All((await GetAsync(1, "search/genre:Pop"))["search_results"]!.AsArray().Where(r => ids.Contains(int.Parse(Text(r!["trackid"]), CultureInfo.InvariantCulture))),
            r => Assert.Equal("True", (string?)r!["downloaded"]));
    }

    [Fact]
    public async Task TheControlEndpointShowsTheMarksAndForgetsThem()
    {
        string seeded = (await GetAsync(1, "release/50000")).ToJsonString();
        await DownloadAsync(1, 200012);
        await DownloadAsync(1, 200012);
        await DownloadAsync(2, 200015);

        JsonArray marks = (await GetAsync(null, "_emulator/downloaded")).AsArray();

        Assert.Equal(new[] { (2, 200015, 1), (1, 200012, 2) }, marks.Select(m => ((int)m!["userid"]!, (int)m["trackid"]!, (int)m["signals"]!)));
        Assert.NotEqual(seeded, (await GetAsync(1, "release/50000")).ToJsonString());

        using HttpResponseMessage forget = await _http.DeleteAsync(new Uri(_emulator.BaseAddress, "_emulator/downloaded"));

        Assert.Equal(System.Net.HttpStatusCode.NoContent, forget.StatusCode);
        Assert.Empty((await GetAsync(null, "_emulator/downloaded")).AsArray());
        Assert.Equal(seeded, (await GetAsync(1, "release/50000")).ToJsonString());
    }

    /// <summary>Queues the track, then signals success as a client does after saving the file.</summary>
    private async Task<JsonNode> DownloadAsync(int user, int trackId)
    {
        JsonNode queued = await GetAsync(user, $"download/queue/{trackId}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.BaseAddress, "download/success"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["trackid"] = trackId.ToString(CultureInfo.InvariantCulture),
                ["serverid"] = Text(queued["servers"]![0]!["id"]),
                ["dl_token"] = (string)queued["dl_token"]!,
            }),
        };
        request.Headers.Authorization = Bearer(user);
        using HttpResponseMessage response = await _http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<int> ReleaseListFlagAsync(int releaseId)
    {
        JsonNode page = await GetAsync(1, "releases/date/1");
        return page.AsArray().SelectMany(d => d!["releases"]!.AsArray()).Where(r => (int)r!["id"]! == releaseId).Select(r => (int)r!["downloaded"]!).Single();
    }

    private async Task<JsonNode> GetAsync(int? user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseAddress, path));
        if (user is { } id)
        {
            request.Headers.Authorization = Bearer(id);
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: HTTP {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static string SearchValue(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static int FirstOtherVersion(JsonNode versions) => (int)versions.AsArray()[0]!["trackid"]!;

    private static AuthenticationHeaderValue Bearer(int user) =>
        new("Bearer", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{(user == 1 ? User1Token : User2Token)}")));

    // Ids, bpm and flags drift between numbers and text across answers: compare them as text.
    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : node?.ToJsonString() ?? string.Empty;
}

using System.Net.Http.Json;
using PromoOnly.Auth;
using PromoOnly.Catalogue;
using PromoOnly.Client;
using PromoOnly.Emulator;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.AgainstEmulator;

/// <summary>The catalogue client over real HTTP against an in-process emulator.</summary>
public sealed class CatalogueRoundTripTests : IAsyncLifetime
{
    private RunningEmulator _emulator = null!;
    private HttpClient _http = null!;
    private CatalogueClient _catalogue = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new PromoOnly.Emulator.Options.EmulatorOptions { Urls = "http://127.0.0.1:0" });
        _http = new HttpClient();
        var client = new PoolApiClient(_http, _emulator.BaseAddress, "test", TimeSpan.FromSeconds(10), new RecordingLog());
        PromoOnlySession session = (await SessionOpener.WithTokenAsync(client, 1, Secure.From("8b26e1e4f3f5e00a888807e605565c47"), validate: false, CancellationToken.None))!;
        _catalogue = new CatalogueClient(session, client, new RetryPolicy(0), new RecordingLog());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData("AC/DC")]
    [InlineData("Drum & Bass")]
    [InlineData("100%")]
    [InlineData("a+b")]
    [InlineData("Beyoncé")]
    [InlineData("x genre:rock")]
    public async Task HostileValuesReachTheServerAsTheIntendedFieldsOnly(string value)
    {
        await _catalogue.SearchAsync(new SearchQuery(artist: value, mix: "Clean"), CancellationToken.None);

        var searches = await _http.GetFromJsonAsync<List<Dictionary<string, string>>>(new Uri(_emulator.BaseAddress, "_emulator/searches"));
        var seen = Assert.Single(searches!);
        Assert.Equal(new Dictionary<string, string> { ["artist"] = value, ["mix"] = "Clean" }, seen);
    }

    [Fact]
    public async Task AHostileSearchStillFindsItsTracks()
    {
        Mapped<Track> found = await _catalogue.SearchAsync(new SearchQuery(artist: "AC/DC", genre: "Drum & Bass"), CancellationToken.None);

        Assert.NotEmpty(found.Items);
        Assert.All(found.Items, t => Assert.Equal(("AC/DC", "Drum & Bass"), (t.Artist, t.Genre)));
    }

    [Fact]
    public async Task AReleaseAndItsTracksArriveTyped()
    {
        (Release release, Mapped<Track> tracks) = await _catalogue.GetReleaseAsync(50000, CancellationToken.None);

        Assert.Equal(50000, release.ReleaseId);
        Assert.StartsWith("Top 40 Chart", release.Title);
        Assert.Equal(DateTime.UtcNow.Date, release.Date);
        Assert.InRange(tracks.Items.Count, 3, 8);
        Assert.Equal(release.TrackCount, tracks.Items.Count);
        Assert.All(tracks.Items, t => Assert.Equal(50000, t.ReleaseId));
        Assert.Equal(200011, tracks.Items[0].TrackId);
        Assert.Equal(0, tracks.Skipped);
    }

    [Fact]
    public async Task AMissingReleaseIsReleaseNotFound()
    {
        var failure = await Assert.ThrowsAsync<PoolApiException>(() => _catalogue.GetReleaseAsync(49999, CancellationToken.None));
        Assert.Equal(PoolErrorKind.ReleaseNotFound, failure.Kind);
        Assert.Equal("Release 49999 not found.", failure.ServerMessage);
    }

    [Fact]
    public async Task ReleasePagesAreNewestFirstAndStartAtTheGivenDate()
    {
        DateTime start = DateTime.UtcNow.Date.AddDays(-20);
        Mapped<Release> page = await _catalogue.GetReleasePageAsync(1, start, CancellationToken.None);

        Assert.Equal(start, page.Items[0].Date);
        Assert.Equal(15, page.Items.Select(r => r.Date).Distinct().Count());
        Assert.Equal(page.Items.OrderByDescending(r => r.Date).Select(r => r.ReleaseId), page.Items.Select(r => r.ReleaseId));
        Assert.Equal(1, _emulator.GetStats().ReleasePages);
    }

    [Fact]
    public async Task HistoryEntriesHaveRealDates()
    {
        Mapped<DownloadHistoryEntry> page = await _catalogue.GetHistoryPageAsync(1, HistoryMedia.Audio, HistoryView.Tracks, CancellationToken.None);

        Assert.Equal(20, page.Items.Count);
        Assert.All(page.Items, e => Assert.Equal(MediaType.Audio, e.MediaType));
        Assert.All(page.Items, e => Assert.Equal(DateTimeKind.Utc, e.Date!.Value.Kind));
        Assert.True(page.Items[0].Date >= page.Items[^1].Date);
    }

    [Fact]
    public async Task VersionsShareTheTitle()
    {
        (_, Mapped<Track> tracks) = await _catalogue.GetReleaseAsync(50000, CancellationToken.None);
        Track first = tracks.Items[0];

        Mapped<Track> versions = await _catalogue.GetTrackVersionsAsync(first.TrackId, CancellationToken.None);

        Assert.NotEmpty(versions.Items);
        Assert.All(versions.Items, v => Assert.Equal((first.TitleId, first.Title), (v.TitleId, v.Title)));
        Assert.DoesNotContain(versions.Items, v => v.TrackId == first.TrackId);
    }

    [Fact]
    public async Task EveryCatalogueTrackIsServedAndQueuedForUser1()
    {
        // The coordination rule with the download flow: any track a release lists must have mirrors
        // and be queueable, or Get-PromoRelease | Get-PromoTrack | Save-PromoTrack would fail.
        var trackIds = new List<long>();
        for (int page = 1; ; page++)
        {
            Mapped<Release> releases = await _catalogue.GetReleasePageAsync(page, null, CancellationToken.None);
            if (releases.Items.Count == 0)
            {
                break;
            }

            foreach (Release release in releases.Items)
            {
                trackIds.AddRange((await _catalogue.GetReleaseAsync(release.ReleaseId, CancellationToken.None)).Tracks.Items.Select(t => t.TrackId));
            }
        }

        Assert.InRange(trackIds.Count, 240 * 3, 240 * 8);
        Assert.Equal(trackIds.Count, trackIds.Distinct().Count());
        string header = "Bearer " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("1:8b26e1e4f3f5e00a888807e605565c47"));
        foreach (long id in trackIds)
        {
            foreach (string path in new[] { $"download/server/{id}", $"download/queue/{id}" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseAddress, path));
                request.Headers.TryAddWithoutValidation("Authorization", header);
                using HttpResponseMessage response = await _http.SendAsync(request);
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode && body.Contains("\"host\""), $"{path}: HTTP {(int)response.StatusCode} {body}");
            }
        }
    }
}

using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;

namespace PromoOnly.Tests.Catalogue;

/// <summary>One mapping per object kind, fed the shapes contract section 6 shows.</summary>
public class CatalogueMapperTests
{
    [Fact]
    public void AReleaseFromTheDateListTakesItsGroupsDate()
    {
        var entry = JObject.Parse("""
            {"artist":"Various","downloaded":1,"formatid":2,"genre":"Dance","id":"53719","image_url":"https://img.example/53719.jpg",
             "label":"Capitol","label_url":"x","modified":"2020-03-06 10:00:00","release":"Club Hits 1","tracks":"7","type":"Album"}
            """);

        Release release = CatalogueMapper.ReleaseFromList(entry, new DateTime(2020, 3, 6))!;

        Assert.Equal(53719, release.ReleaseId);
        Assert.Equal("Club Hits 1", release.Title);
        Assert.Equal("Various", release.Artist);
        Assert.Equal(new DateTime(2020, 3, 6), release.Date);
        Assert.Equal(7, release.TrackCount);
        Assert.True(release.Downloaded);
        Assert.Equal("Album", release.Type);
        Assert.Equal(new Uri("https://img.example/53719.jpg"), release.ImageUri);
    }

    [Fact]
    public void AReleaseAnswerLendsItsIdTitleAndLabelToItsTracks()
    {
        var answer = JObject.Parse("""
            {"date":"2020-03-06","id":53719,"release":"Top 40","release_artist":"Various","release_label":"Capitol",
             "tracks":[{"trackid":"616165","titleid":"600001","title":"Roar","artist":"Katy Perry","bpm":"90","duration":"3:45",
                        "content_warning":"True","downloaded":false,"media_type":"2","mix":"Clean"},
                       {"trackid":616166,"title":"Roar","media_type":1,"downloaded":true,"label":"Own Label"}]}
            """);

        (Release release, Mapped<Track> tracks) = CatalogueAnswers.ReleaseDetail(answer, "release 53719");

        Assert.Equal(2, release.TrackCount);
        Assert.False(release.Downloaded);
        Track first = tracks.Items[0];
        Assert.Equal(616165, first.TrackId);
        Assert.Equal(600001, first.TitleId);
        Assert.Equal(90d, first.Bpm);
        Assert.Equal(TimeSpan.FromSeconds(225), first.Duration);
        Assert.True(first.Explicit);
        Assert.Equal(MediaType.Audio, first.MediaType);
        Assert.Equal(53719, first.ReleaseId);
        Assert.Equal("Top 40", first.Release);
        Assert.Equal("Capitol", first.Label);
        Assert.Equal(MediaType.Video, tracks.Items[1].MediaType);
        Assert.Equal("Own Label", tracks.Items[1].Label);
    }

    [Fact]
    public void AReleaseWhoseTracksAreAllDownloadedIsDownloaded()
    {
        var answer = JObject.Parse("{\"id\":1,\"tracks\":[{\"trackid\":5,\"downloaded\":\"True\"},{\"trackid\":6,\"downloaded\":1}]}");
        Assert.True(CatalogueAnswers.ReleaseDetail(answer, "release 1").Release.Downloaded);
    }

    [Theory]
    [InlineData("{\"title\":\"no id\"}")]
    [InlineData("{\"trackid\":\"abc\"}")]
    [InlineData("{\"trackid\":0}")]
    [InlineData("{\"trackid\":-5}")]
    [InlineData("{\"host\":\"dc03.promoonly.com\",\"id\":7}")]
    public void ATrackWithoutAUsableIdIsNotMapped(string json) =>
        Assert.Null(CatalogueMapper.Track(JObject.Parse(json)));

    [Theory]
    [InlineData("{\"trackid\":1,\"type\":\"video\"}", MediaType.Video)]
    [InlineData("{\"trackid\":1,\"type\":\"audio\"}", MediaType.Audio)]
    [InlineData("{\"trackid\":1,\"media\":\"mp3,m4a,wav\"}", MediaType.Audio)]
    [InlineData("{\"trackid\":1,\"media\":\"mp4\"}", MediaType.Video)]
    [InlineData("{\"trackid\":1,\"media_type\":7}", MediaType.Unknown)]
    [InlineData("{\"trackid\":1}", MediaType.Unknown)]
    public void TheMediaTypeComesFromWhicheverFieldTheAnswerHas(string json, MediaType expected) =>
        Assert.Equal(expected, CatalogueMapper.Track(JObject.Parse(json))!.MediaType);

    [Fact]
    public void SearchResultsListTheirFileTypes()
    {
        Track track = CatalogueMapper.Track(JObject.Parse("{\"trackid\":\"7\",\"media\":\"mp3, m4a,,wav\",\"bpm\":128}"))!;
        Assert.Equal(new[] { "mp3", "m4a", "wav" }, track.Formats);
        Assert.Equal(128d, track.Bpm);
    }

    [Fact]
    public void DisplayedTextLosesControlAndBidiCharacters()
    {
        var entry = JObject.Parse("{\"trackid\":1,\"title\":\"Evil\\u202Eexe.mp3\\r\\nFAKE LINE\\u0007\",\"artist\":\"\\u200FA\\tB\"}");

        Track track = CatalogueMapper.Track(entry)!;

        Assert.Equal("Evilexe.mp3 FAKE LINE", track.Title);
        Assert.Equal("A B", track.Artist);
    }

    [Fact]
    public void EndlessTextIsCapped()
    {
        var entry = new JObject { ["trackid"] = 1, ["title"] = new string('x', 100_000) };
        Assert.Equal(LenientJson.MaxTextLength, CatalogueMapper.Track(entry)!.Title.Length);
    }

    [Fact]
    public void ImplausibleBpmIsEmpty() =>
        Assert.Null(CatalogueMapper.Track(JObject.Parse("{\"trackid\":1,\"bpm\":\"-3\"}"))!.Bpm);

    [Fact]
    public void AHistoryEntryHasARealDate()
    {
        var entry = JObject.Parse("{\"artist\":\"A\",\"date\":\"1583517351\",\"downloads\":\"2\",\"file_format\":\"320 kbps mp3\",\"media_type\":2,\"release\":\"R\",\"releaseid\":\"53719\"}");

        DownloadHistoryEntry history = CatalogueMapper.HistoryEntry(entry);

        Assert.Equal(new DateTime(2020, 3, 6, 17, 55, 51, DateTimeKind.Utc), history.Date);
        Assert.Equal(2, history.Downloads);
        Assert.Equal(53719, history.ReleaseId);
        Assert.Equal(MediaType.Audio, history.MediaType);
        Assert.Null(history.TrackId);
        Assert.Equal(string.Empty, history.Mix);
    }

    [Fact]
    public void AHistoryEntryOfTheTracksViewNamesItsTrackAndMix()
    {
        var entry = JObject.Parse("{\"artist\":\"A\",\"date\":\"1583517351\",\"title\":\"T\",\"mix\":\"Clean Intro\",\"trackid\":\"200111\",\"releaseid\":53719}");

        DownloadHistoryEntry history = CatalogueMapper.HistoryEntry(entry);

        Assert.Equal(200111, history.TrackId);
        Assert.Equal("T", history.Title);
        Assert.Equal("Clean Intro", history.Mix);
    }

    [Fact]
    public void AFileFormatNamesItsMediaType()
    {
        FileFormat format = CatalogueMapper.FileFormat(JObject.Parse("{\"extension\":\".mp4\",\"format\":\"1\",\"index\":2,\"type\":\"720p mp4\"}"));
        Assert.Equal(MediaType.Video, format.MediaType);
        Assert.Equal(".mp4", format.Extension);
        Assert.Equal(2, format.Index);
        Assert.Equal("720p mp4", format.Type);
    }
}

using Newtonsoft.Json.Linq;
using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Tests.Catalogue;

/// <summary>Contract section 7's browsing answers, one test per quirk of the documented examples.</summary>
public class BrowseAnswersTests
{
    private static JToken Parse(string body) => PoolApiClient.ParseDocument(body, "test");

    [Fact]
    public void AGenreAnswerIsAListOfTracksWithNumbersWhereTheExampleHasNumbers()
    {
        Mapped<Track> tracks = CatalogueAnswers.TrackList(Parse("""
            [{"artist":"Khalid x Disclosure","bpm":103,"content_warning":true,"downloaded":0,"duration":180,"end":"Cold","explicit":0,
              "formatid":67,"genre":"Top 40","label":"Right Hand/RCA","media_type":1,"mix":"","modified":1586428977,"release_artist":"Promo Only",
              "release_image":"https://pomed.promoonly.com/x.jpg","release_ts":1586404800,"releaseid":56514,"title":"Know Your Worth","titleid":628130,"trackid":374639}]
            """), "genre");

        Track track = Assert.Single(tracks.Items);
        Assert.Equal(374639, track.TrackId);
        Assert.Equal(TimeSpan.FromSeconds(180), track.Duration);
        Assert.Equal(MediaType.Video, track.MediaType);
        Assert.True(track.Explicit);
        Assert.Equal(56514, track.ReleaseId);
        Assert.Equal(new DateTime(2020, 4, 9, 10, 42, 57, DateTimeKind.Utc), track.Modified);
    }

    [Fact]
    public void ASpecialtyReleaseCountsItsDownloadedTracksInsteadOfFlaggingThem()
    {
        Mapped<Release> page = CatalogueAnswers.SpecialtyPage(Parse("""
            [{"downloaded":50,"id":55293,"modified":1582825339,"release":"Party Classics 15","release_date":"2020-03-02","release_image":"https://x/1.png","tracks":50},
             {"downloaded":12,"id":54036,"release":"Countdown","release_date":"2019-12-19","tracks":40},
             {"downloaded":0,"id":48434,"release":"Alt Dance","release_date":"2019-12-02","tracks":"40"}]
            """), "specialty");

        Assert.Equal(new[] { true, false, false }, page.Items.Select(r => r.Downloaded));
        Assert.Equal(new DateTime(2020, 3, 2), page.Items[0].Date);
        Assert.Equal("Specialty", page.Items[0].Type);
        Assert.Equal(50, page.Items[0].TrackCount);
    }

    [Fact]
    public void ASpecialtyYearNamesItsTrackIdIdAndPutsTheMediaTypeNumberInMedia()
    {
        Mapped<Track> tracks = CatalogueAnswers.SpecialtyYear(Parse("""
            {"track_count":1,"tracks":[{"artist":"Krokus","bpm":144,"content_warning":true,"downloaded":0,"duration":243,"end":"Cold","explicit":0,
             "genre":"Rock","id":150493,"label":"Arista","media":1,"mix":"","modified":1383832991,"release":"Best of Hair Bands Vol. 4",
             "release_date":"Thu, 07 Nov 2013 00:00:00 GMT","release_image":"https://x/y.png","releaseid":13448,"title":"Midnight Maniac","titleid":392179,"track_order":null}]}
            """), "year");

        Track track = Assert.Single(tracks.Items);
        Assert.Equal(150493, track.TrackId);
        Assert.Equal(MediaType.Video, track.MediaType);
        Assert.Empty(track.Formats);
        Assert.Equal("Best of Hair Bands Vol. 4", track.Release);
    }

    [Fact]
    public void ASpecialtyYearWithoutItsTrackListIsNotAnAnswer()
    {
        var failure = Assert.Throws<PoolApiException>(() => CatalogueAnswers.SpecialtyYear(Parse("""{"track_count":3}"""), "specialty tracks of 1973"));
        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public void AReleaseSearchReadsTheReleaseDate()
    {
        Release release = Assert.Single(CatalogueAnswers.ReleaseList(Parse("""
            [{"artist":"Steven Malcolm","downloaded":0,"genre":"Hip-Hop","id":52421,"label":"4 Against 5","media_type":2,"modified":1568036067,
              "release":"Summertime","release_date":"2019-09-09","release_image":"https://s3.example/52421.jpg","tracks":1}]
            """), "rsearch").Items);

        Assert.Equal(52421, release.ReleaseId);
        Assert.Equal(new DateTime(2019, 9, 9), release.Date);
        Assert.Equal(1, release.TrackCount);
        Assert.Equal(new Uri("https://s3.example/52421.jpg"), release.ImageUri);
    }

    [Fact]
    public void QuickSearchTitleResultsNameTheirTrackIdId()
    {
        // The documented example has "id" and no "trackid"; these tracks used to be dropped as unusable.
        Mapped<Track> tracks = CatalogueAnswers.QuickSearchResults(Parse("""
            {"release_results":[],"title_results":[{"artist":"Davido","bpm":106,"id":348446,"media":"mp4720,mp4360","mix":"PO Quick Edit*","title":"Blow My Mind","type":1}]}
            """), "qsearch");

        Track track = Assert.Single(tracks.Items);
        Assert.Equal(348446, track.TrackId);
        Assert.Equal(0, tracks.Skipped);
        Assert.Equal(MediaType.Video, track.MediaType);
    }

    [Fact]
    public void AVersionsTypeGivenAsTheNumberTwoIsAudio()
    {
        Track track = CatalogueMapper.Track(JObject.Parse("""{"trackid":1,"type":2}"""))!;
        Assert.Equal(MediaType.Audio, track.MediaType);
    }

    [Theory]
    [InlineData("Thu, 07 Nov 2013 00:00:00 GMT", 2013, 11, 7, 0, DateTimeKind.Unspecified)]
    [InlineData("2013-12-18 14:56:29-05:00", 2013, 12, 18, 19, DateTimeKind.Utc)]
    public void SectionSevenDatesAreReadAsUtcOrAsCalendarDates(string text, int year, int month, int day, int hour, DateTimeKind kind)
    {
        DateTime date = LenientJson.Date(new JObject { ["d"] = text }, "d")!.Value;

        Assert.Equal(new DateTime(year, month, day, hour, date.Minute, date.Second), new DateTime(date.Ticks));
        Assert.Equal(kind, date.Kind);
    }

    [Theory]
    [InlineData("R&B", "R_and_B")]
    [InlineData("Top 40", "Top_40")]
    [InlineData(" Top 40 ", "Top_40")]
    [InlineData("Drum & Bass", "Drum__and__Bass")]
    [InlineData("AC/DC", "AC%2FDC")]
    [InlineData("Hip-Hop", "Hip-Hop")]
    [InlineData("Música?#", "M%C3%BAsica%3F%23")]
    [InlineData("...", "...")]
    public void AGenreIsSpelledAsTheDocumentationSays(string genre, string segment) =>
        Assert.Equal(segment, CatalogueAddress.GenreSegment(genre));

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(" .. ")]
    [InlineData("")]
    [InlineData("   ")]
    public void AGenreThatWouldNotBeOneSegmentIsRefused(string genre) =>
        Assert.Throws<ArgumentException>(() => CatalogueAddress.GenreSegment(genre));

    [Fact]
    public void ADotSearchIsRefusedBeforeItCanAddressTheParentPath()
    {
        var baseUri = new Uri("https://api.example/");
        Assert.Throws<ArgumentException>(() => CatalogueAddress.ReleaseSearch(baseUri, ".."));
        Assert.Throws<ArgumentException>(() => CatalogueAddress.QuickSearch(baseUri, "."));
        Assert.Equal("https://api.example/rsearch/a%2F..", CatalogueAddress.ReleaseSearch(baseUri, "a/..").AbsoluteUri);
    }
}

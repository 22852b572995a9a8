using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Tests.Catalogue;

/// <summary>
/// A number no .NET type holds (1e300 is past decimal, a 30-digit integer past long) is one
/// unreadable field: that field is empty, the release and its other tracks are read as usual.
/// </summary>
public class OutOfRangeNumberTests
{
    private static string Release(string bpm, string tracks = "") =>
        "{\"id\":\"53719\",\"release\":\"Club Hits\",\"date\":\"2020-03-06\",\"tracks\":["
        + "{\"trackid\":\"337865\",\"title\":\"Roar\",\"bpm\":" + bpm + ",\"duration\":\"3:45\"},"
        + "{\"trackid\":\"337866\",\"title\":\"Say So\",\"bpm\":\"128\"}" + tracks + "]}";

    [Theory]
    [InlineData("1e300")]
    [InlineData("-1E+300")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("123456789012345678901234567890.5")]
    [InlineData("1e-400")]
    public void AnOutOfRangeNumberLeavesOnlyItsFieldEmpty(string bpm)
    {
        (Release release, Mapped<Track> tracks) = CatalogueAnswers.ReleaseDetail(PoolApiClient.ParseDocument(Release(bpm), "release 53719"), "release 53719");

        Assert.Equal(53719, release.ReleaseId);
        Assert.Equal(new long[] { 337865, 337866 }, tracks.Items.Select(t => t.TrackId));
        Assert.Null(tracks.Items[0].Bpm);
        Assert.Equal("Roar", tracks.Items[0].Title);
        Assert.Equal(TimeSpan.FromSeconds(225), tracks.Items[0].Duration);
        Assert.Equal(128, tracks.Items[1].Bpm);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("123456789012345678901234567890")]
    public void AnOutOfRangeIdMakesOnlyThatEntryUnusable(string id)
    {
        string body = Release("120", ",{\"trackid\":" + id + ",\"title\":\"Gone\"}");

        (_, Mapped<Track> tracks) = CatalogueAnswers.ReleaseDetail(PoolApiClient.ParseDocument(body, "release 53719"), "release 53719");

        Assert.Equal(2, tracks.Items.Count);
        Assert.Equal(1, tracks.Skipped);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("123456789012345678901234567890")]
    public void AnOutOfRangeNumberReadsAsEmptyWhereverItStands(string number)
    {
        var entry = (Newtonsoft.Json.Linq.JObject)PoolApiClient.ParseDocument("{\"n\":" + number + "}", "x");

        Assert.Null(LenientJson.Int(entry, "n"));
        Assert.Null(LenientJson.Long(entry, "n"));
        Assert.Null(LenientJson.Date(entry, "n"));
        Assert.Null(LenientJson.Duration(entry, "n"));
        Assert.True(LenientJson.Flag(entry, "n"));
        Assert.NotEqual(string.Empty, LenientJson.Text(entry, "n"));
    }
}

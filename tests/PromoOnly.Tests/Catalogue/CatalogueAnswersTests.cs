using PromoOnly.Catalogue;
using PromoOnly.Client;

namespace PromoOnly.Tests.Catalogue;

/// <summary>What is not the promised shape fails: a message object as Refused quoting the server, anything else as InvalidResponse.</summary>
public class CatalogueAnswersTests
{
    [Fact]
    public void AMessageObjectWhereAnArrayWasPromisedIsARefusalQuotingTheServer()
    {
        var failure = Assert.Throws<PoolApiException>(() =>
            CatalogueAnswers.TrackList(PoolApiClient.ParseDocument("{\"result\":\"Daily download limit reached.\"}", "track 5"), "track 5"));

        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
        Assert.Equal("Daily download limit reached.", failure.ServerMessage);
        Assert.Contains("Daily download limit reached.", failure.Message);
        Assert.Contains("Track 5", failure.Message);
    }

    [Fact]
    public void AnArrayWhereAnObjectWasPromisedIsAnError()
    {
        var failure = Assert.Throws<PoolApiException>(() => CatalogueAnswers.HistoryPage(PoolApiClient.ParseDocument("[]", "history"), "history"));
        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("JSON array", failure.Message);
    }

    [Fact]
    public void ASearchAnswerWithoutResultsQuotesItsMessage()
    {
        var failure = Assert.Throws<PoolApiException>(() =>
            CatalogueAnswers.SearchResults(PoolApiClient.ParseDocument("{\"message\":\"Search is down.\",\"results_found\":0}", "the search"), "the search"));
        Assert.Equal("Search is down.", failure.ServerMessage);
    }

    [Theory]
    [InlineData("191", 191L)]
    [InlineData("\"191\"", 191L)]
    [InlineData("-1", null)]
    [InlineData("\"many\"", null)]
    public void ASearchAnswerSaysHowManyTracksTheServerFound(string resultsFound, long? expected)
    {
        Mapped<Track> found = CatalogueAnswers.SearchResults(
            PoolApiClient.ParseDocument("{\"results_found\":" + resultsFound + ",\"search_results\":[{\"trackid\":\"5\",\"genre\":\"Dance\"}]}", "the search"), "the search");

        Assert.Single(found.Items);
        Assert.Equal(expected, found.Found);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[{\"date\":\"2020-03-06\",\"releases\":[{\"id\":1")]
    [InlineData("<html><body>Maintenance</body></html>")]
    [InlineData("[] []")]
    public void BrokenBodiesAreInvalidResponses(string body)
    {
        var failure = Assert.Throws<PoolApiException>(() => PoolApiClient.ParseDocument(body, "releases page 1"));
        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public void AHugeBrokenBodyIsQuotedOnlyInPart()
    {
        string body = "<html>" + new string('x', 50_000);
        var failure = Assert.Throws<PoolApiException>(() => PoolApiClient.ParseDocument(body, "releases page 1"));
        Assert.True(failure.Message.Length < 1000);
    }

    [Fact]
    public void UnusableEntriesAreCountedAndTheRestKept()
    {
        const string body = """
            [{"date":"2020-03-06","releases":[{"id":1,"release":"A"},{"release":"no id"},"text",{"id":"2"}]},
             {"no":"releases"}]
            """;

        Mapped<Release> page = CatalogueAnswers.ReleasePage(PoolApiClient.ParseDocument(body, "p"), "p");

        Assert.Equal(new long[] { 1, 2 }, page.Items.Select(r => r.ReleaseId));
        Assert.Equal(3, page.Skipped);
    }

    [Fact]
    public void QuickSearchTracksAreTheTitleResults()
    {
        const string body = "{\"release_results\":[{\"id\":9}],\"title_results\":[{\"trackid\":\"5\",\"title\":\"Roar\"}]}";
        Mapped<Track> tracks = CatalogueAnswers.QuickSearchResults(PoolApiClient.ParseDocument(body, "q"), "q");
        Assert.Equal(5, Assert.Single(tracks.Items).TrackId);
    }
}

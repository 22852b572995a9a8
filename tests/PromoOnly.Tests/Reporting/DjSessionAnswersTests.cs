using PromoOnly.Client;
using PromoOnly.Reporting;

namespace PromoOnly.Tests.Reporting;

/// <summary>The track-trends answers: sessions with Unix-second times, plays with an offset time and a link id of 0 for "not matched".</summary>
public class DjSessionAnswersTests
{
    [Fact]
    public void ASessionsTsIsUnixSeconds()
    {
        DjSession session = Assert.Single(DjSessionAnswers.SessionPage(PoolApiClient.ParseDocument("""[{"id":770772,"session":"6491.session","ts":1405459954}]""", "s"), "s").Items);

        Assert.Equal(770772, session.Id);
        Assert.Equal("6491.session", session.Name);
        Assert.Equal(new DateTime(2014, 7, 15, 21, 32, 34, DateTimeKind.Utc), session.ReportedAt);
    }

    [Fact]
    public void APlayIsInUtcAndALinkIdOfZeroMeansNotMatched()
    {
        var plays = DjSessionAnswers.Plays(PoolApiClient.ParseDocument("""
            [{"id":969261,"linkid":0,"played":"2013-12-18 14:56:29-05:00","reported_artist":"Adele","reported_title":"Rumour Has It"},
             {"id":"969805","linkid":"374639","played":"2013-12-18 15:01:42-05:00","reported_artist":"USHER","reported_title":"CAUGHT UP"}]
            """, "s"), "DJ session 7", 7).Items;

        Assert.Equal(new long[] { 969261, 969805 }, plays.Select(p => p.Id));
        Assert.All(plays, p => Assert.Equal(7, p.SessionId));
        Assert.Null(plays[0].LinkId);
        Assert.Equal(374639, plays[1].LinkId);
        Assert.Equal(new DateTime(2013, 12, 18, 19, 56, 29, DateTimeKind.Utc), plays[0].Played);
        Assert.Equal(DateTimeKind.Utc, plays[0].Played!.Value.Kind);
        Assert.Equal("Rumour Has It", plays[0].Title);
    }

    [Fact]
    public void AnUnknownSessionAnswersAMessageThatIsARefusal()
    {
        var failure = Assert.Throws<PoolApiException>(() => DjSessionAnswers.Plays(PoolApiClient.ParseDocument("""{"result":"Session 5 not found."}""", "s"), "DJ session 5", 5));
        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
        Assert.Contains("Session 5 not found.", failure.Message);
    }
}

using System.Text;
using PromoOnly.Client;
using PromoOnly.Downloads;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Downloads;

public class QueueAnswerParserTests
{
    [Fact]
    public void ReadsTheDocumentedShapeWithObjectServersAndNumbersAsStrings()
    {
        const string body = """
            {"Result":"Track successfully queued for download.","artist":"Zoë","bpm":"128","content_warn":"False","dl_token":"abc123",
             "file_type":"320 mp3","media_type":2,"mix":"Clean Extended","servers":[{"host":"dc03.promoonly.com","id":7},{"host":"ny01.promoonly.com","id":"8"}],
             "title":"Roar","trackid":"337865"}
            """;

        QueuedTrack track = QueueAnswerParser.Parse(337865, body);

        Assert.Equal("abc123", track.DlToken);
        Assert.Equal(new[] { "dc03.promoonly.com", "ny01.promoonly.com" }, track.Servers.Select(s => s.Host));
        Assert.Equal(new int?[] { 7, 8 }, track.Servers.Select(s => s.Id));
        Assert.Equal(("Zoë", "Roar", "Clean Extended", "320 mp3"), (track.Artist, track.Title, track.Mix, track.FileType));
    }

    [Fact]
    public void AcceptsPlainHostStringsWithoutIds()
    {
        QueuedTrack track = QueueAnswerParser.Parse(1, """{"dl_token":"t","servers":["dc03.promoonly.com","sl02.promoonly.com:81"]}""");

        Assert.Equal(2, track.Servers.Count);
        Assert.All(track.Servers, s => Assert.Null(s.Id));
    }

    [Fact]
    public void DropsHostsThatAreNotPlainNames()
    {
        QueuedTrack track = QueueAnswerParser.Parse(1, """{"dl_token":"t","servers":["http://evil/x","ok.promoonly.com",{"host":"a b","id":3},42]}""");

        Assert.Equal("ok.promoonly.com", Assert.Single(track.Servers).Host);
        Assert.Equal(3, track.RejectedHosts.Count);
    }

    [Theory]
    [InlineData("""{"Result":"Daily download limit reached."}""", "Daily download limit reached.")]
    [InlineData("""{"result":"Invalid user."}""", "Invalid user.")]
    public void AnAnswerWithoutATokenIsARefusalThatQuotesTheServer(string body, string said)
    {
        var failure = Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(5, body));

        // Refused: a renewing session renews once on it (API.md, our decisions).
        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
        Assert.Equal(said, failure.ServerMessage);
        Assert.Contains(said, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>maintenance</html>")]
    [InlineData("[1,2]")]
    [InlineData("{\"dl_token\":\"t\"")]
    [InlineData("{\"servers\":[\"dc03.promoonly.com\"]}")]
    [InlineData("{\"dl_token\":\"\",\"Result\":\"Track successfully queued for download.\"}")]
    public void AnythingElseIsAnInvalidResponse(string body) =>
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(5, body)).Kind);

    [Theory]
    [InlineData("337866")]
    [InlineData("\"337866\"")]
    [InlineData("\"abc\"")]
    public void AnAnswerForAnotherTrackIsRefusedInsteadOfSavedUnderThisId(string trackIdJson)
    {
        string body = "{\"Result\":\"Track successfully queued for download.\",\"dl_token\":\"t\",\"servers\":[\"dc03.promoonly.com\"],\"trackid\":" + trackIdJson + "}";

        var failure = Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(337865, body));

        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("not for this track", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("337865")]
    [InlineData("\"337865\"")]
    [InlineData("\"\"")]
    public void TheSameTrackIdAsNumberOrTextOrAnEmptyOneIsAccepted(string trackIdJson) =>
        Assert.Equal("t", QueueAnswerParser.Parse(337865, "{\"dl_token\":\"t\",\"trackid\":" + trackIdJson + "}").DlToken);

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("a?b")]
    [InlineData("a b")]
    [InlineData("tok#x")]
    public void ADlTokenThatIsNotOnePlainPathSegmentIsRefused(string token)
    {
        string body = "{\"dl_token\":" + Newtonsoft.Json.JsonConvert.ToString(token) + ",\"servers\":[\"dc03.promoonly.com\"]}";

        var failure = Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(5, body));

        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("dl_token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeDlTokenIsRefusedNotCutToAnotherToken()
    {
        string token = new('a', 900_000);

        var failure = Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(5, "{\"dl_token\":\"" + token + "\"}"));

        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("900000 characters", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length < 400);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("A-b_c.d~e")]
    public void APlainTokenIsKeptWhole(string token) =>
        Assert.Equal(token, QueueAnswerParser.Parse(5, "{\"dl_token\":\"" + token + "\"}").DlToken);

    [Fact]
    public void AQueuedAnswerWithoutADlTokenSaysSoInsteadOfQuotingItsSuccessTextAsARefusal()
    {
        const string body = """{"Result":"Track successfully queued for download.","artist":"Zoë","file_type":"320 mp3","servers":["dc03.promoonly.com"],"trackid":"5"}""";

        var failure = Assert.Throws<PoolApiException>(() => QueueAnswerParser.Parse(5, body));

        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("has no dl_token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataQuotingTheAuthorizationHeaderIsMaskedAndCleaned()
    {
        // The artist, title and mix reach the Saved result, the record and the file name.
        const string token = "6a1b2c3d4e5f60718293a4b5c6d7e8f9";
        using var secrets = Registered.Token(4, token);
        string header = Convert.ToBase64String(Encoding.UTF8.GetBytes("4:" + token));
        string body = "{\"dl_token\":\"t\",\"artist\":\"" + new string('x', 390) + token + "\",\"title\":\"Roar (Bearer " + header + ")\",\"mix\":\"Clean\\nFAKE LINE\"}";

        QueuedTrack track = QueueAnswerParser.Parse(5, body);

        // The token straddles the 400-character cap: masked whole, not cut with its start showing.
        Assert.Equal(new string('x', 390) + "[secret]", track.Artist);
        Assert.Equal("Roar (Bearer [secret]==)", track.Title);
        Assert.Equal("Clean FAKE LINE", track.Mix);
    }
}

using PromoOnly.Client;

namespace PromoOnly.Tests.Client;

public class ServerListParserTests
{
    private const string Documented =
        "[{\"host\":\"dc03.promoonly.com\",\"id\":7},{\"host\":\"ny01.promoonly.com\",\"id\":8},{\"host\":\"sl02.promoonly.com\",\"id\":9}]";

    [Fact]
    public void DocumentedAnswerBecomesThreeTypedServersInOrder()
    {
        ServerList list = ServerListParser.Parse(337865, Documented);

        Assert.Empty(list.RejectedHosts);
        Assert.Collection(
            list.Servers,
            s => AssertServer(s, 7, "dc03.promoonly.com"),
            s => AssertServer(s, 8, "ny01.promoonly.com"),
            s => AssertServer(s, 9, "sl02.promoonly.com"));
    }

    [Fact]
    public void EmptyArrayIsNoServersAndNoError()
    {
        ServerList list = ServerListParser.Parse(5, " [ ] ");

        Assert.Empty(list.Servers);
        Assert.Empty(list.RejectedHosts);
    }

    [Fact]
    public void AnIdWrittenAsTextReadsAsTheNumber()
    {
        // API.md: ids drift between numbers and strings; "parse leniently".
        ServerList list = ServerListParser.Parse(337865, "[{\"host\":\"dc03.promoonly.com\",\"id\":\"7\"},{\"host\":\"ny01.promoonly.com\",\"id\":8}]");

        Assert.Collection(list.Servers, s => AssertServer(s, 7, "dc03.promoonly.com"), s => AssertServer(s, 8, "ny01.promoonly.com"));
    }

    [Fact]
    public void ExtraPropertiesAreIgnored()
    {
        ServerList list = ServerListParser.Parse(5, "[{\"host\":\"a.example\",\"id\":1,\"region\":\"eu\"}]");

        Assert.Equal("a.example", Assert.Single(list.Servers).Host);
    }

    [Fact]
    public void InvalidHostsAreDroppedAndReportedWhileValidOnesRemain()
    {
        const string body = "[{\"host\":\"dc03.promoonly.com\",\"id\":7},{\"host\":\"http://evil.example/steal\",\"id\":66},{\"host\":\"user@evil.example\",\"id\":67}]";

        ServerList list = ServerListParser.Parse(900006, body);

        Assert.Equal("dc03.promoonly.com", Assert.Single(list.Servers).Host);
        Assert.Equal(new[] { "http://evil.example/steal", "user@evil.example" }, list.RejectedHosts);
    }

    [Fact]
    public void AMessageInsteadOfDataIsARefusalThatQuotesTheServer()
    {
        var ex = Assert.Throws<PoolApiException>(() => ServerListParser.Parse(900002, "{\"result\":\"Daily download limit reached.\"}"));

        Assert.Equal(PoolErrorKind.Refused, ex.Kind);
        Assert.Equal("Daily download limit reached.", ex.ServerMessage);
        Assert.Contains("Track 900002", ex.Message);
        Assert.Contains("'Daily download limit reached.'", ex.Message);
    }

    [Theory]
    [InlineData("{\"token\":\"invalid\"}")]
    [InlineData("{\"result\":42}")]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7},{\"host\":\"ny01.prom")]
    [InlineData("<!DOCTYPE html><html><body>Maintenance</body></html>")]
    [InlineData("[] []")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[{\"host\":7,\"id\":\"dc03\"}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\"}]")]
    [InlineData("[{\"id\":7}]")]
    [InlineData("[{\"host\":null,\"id\":7}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7.5}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"7 \"}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"+7\"}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":\"99999999999\"}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":99999999999}]")]
    [InlineData("[null]")]
    [InlineData("[\"dc03.promoonly.com\"]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":-7}]")]
    [InlineData("[{'host':'dc03.promoonly.com','id':7}]")]
    [InlineData("[{host:\"dc03.promoonly.com\",id:7}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7},]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7,}]")]
    [InlineData("[{\"host\":\"evil.example\",\"host\":\"dc03.promoonly.com\",\"id\":7}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":7}] // comment")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":NaN}]")]
    [InlineData("[{\"host\":\"dc03.promoonly.com\",\"id\":07}]")]
    public void AnythingButTheContractIsInvalidData(string body)
    {
        var ex = Assert.Throws<PoolApiException>(() => ServerListParser.Parse(1, body));

        Assert.Equal(PoolErrorKind.InvalidResponse, ex.Kind);
        Assert.StartsWith("Track 1: ", ex.Message);
    }

    [Fact]
    public void AHugeNonJsonBodyIsQuotedOnlyInPart()
    {
        string body = "<html>" + new string('x', 100_000) + "</html>";

        var ex = Assert.Throws<PoolApiException>(() => ServerListParser.Parse(1, body));

        Assert.True(ex.Message.Length < ServerText.MaxQuotedLength + 200, $"message was {ex.Message.Length} characters");
    }

    private static void AssertServer(PromoOnly.DownloadServer server, int id, string host)
    {
        Assert.Equal(337865, server.TrackId);
        Assert.Equal(id, server.Id);
        Assert.Equal(host, server.Host);
        Assert.Equal(new Uri($"http://{host}/"), server.Uri);
        Assert.Equal(host, server.ToString());
    }
}

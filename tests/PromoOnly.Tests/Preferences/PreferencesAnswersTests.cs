using System.Text;
using Newtonsoft.Json.Linq;
using PromoOnly.Client;
using PromoOnly.Preferences;
using PromoOnly.Tests.Support;

namespace PromoOnly.Tests.Preferences;

/// <summary>Contract section 7's preference answers: charts, release formats, the format filter and all options.</summary>
public class PreferencesAnswersTests
{
    private static JToken Parse(string body) => PoolApiClient.ParseDocument(body, "test");

    [Fact]
    public void ChartsAreReleasesWithAShowFlag()
    {
        Chart[] charts = PreferencesAnswers.Charts(Parse("""
            [{"chart":"Mainstream Top 20","chartid":24200,"format":"POOL Audio Charts","show":1},
             {"chart":"Rock Top 20","chartid":"24204","format":"POOL Audio Charts","show":"0"},
             {"chart":"No flag","chartid":24205}]
            """), "charts").Items.ToArray();

        Assert.Equal(new long[] { 24200, 24204, 24205 }, charts.Select(c => c.ChartId));
        Assert.Equal(new[] { true, false, true }, charts.Select(c => c.Shown));
        Assert.Equal("POOL Audio Charts", charts[0].Format);
    }

    [Fact]
    public void FormatZeroIsARealFormatButANegativeIdIsNot()
    {
        var formats = PreferencesAnswers.ReleaseFormats(Parse("""[{"format":"All Promo Only Formats","id":0},{"format":"Hot Video","id":"1"},{"format":"x","id":-1}]"""), "formats");

        Assert.Equal(new[] { 0, 1 }, formats.Items.Select(f => f.Id));
        Assert.Equal(1, formats.Skipped);
    }

    [Theory]
    [InlineData("""{"hide_formats":"1,3,5"}""", new[] { 1, 3, 5 })]
    [InlineData("""{"hide_formats":" 1, 3 ,5,"}""", new[] { 1, 3, 5 })]
    [InlineData("""{"hide_formats":""}""", new int[0])]
    [InlineData("""{"hide_formats":null}""", new int[0])]
    [InlineData("""{"hide_formats":7}""", new[] { 7 })]
    [InlineData("""{"hide_formats":[1,"3"]}""", new[] { 1, 3 })]
    public void TheHiddenFormatsComeAsTextANumberOrAList(string body, int[] hidden) =>
        Assert.Equal(hidden, PreferencesAnswers.HiddenFormats(Parse(body), "the format filters"));

    [Fact]
    public void AFilterAnswerWithAResultMessageIsARefusal()
    {
        var failure = Assert.Throws<PoolApiException>(() => PreferencesAnswers.HiddenFormats(Parse("""{"result":"Unknown release format id '999'."}"""), "the format filters"));
        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
        Assert.Equal("Unknown release format id '999'.", failure.ServerMessage);
    }

    [Fact]
    public void AFilterAnswerWithSomethingElseInItIsInvalid()
    {
        var failure = Assert.Throws<PoolApiException>(() => PreferencesAnswers.HiddenFormats(Parse("""{"hide_formats":"1,x"}"""), "the format filters"));
        Assert.Equal(PoolErrorKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public void OptionsTypeTheDocumentedGroupsAndKeepEveryOtherField()
    {
        Preference options = PreferencesAnswers.Options(Parse("""
            {"chart_filters":[{"chart":"Mainstream Top 20","chartid":24200,"format":"POOL Audio Charts","show":1}],
             "download_formats":[{"extension":".mp3","format":2,"index":1,"type":"320 kbps mp3"}],
             "filenaming":{"file_name_01":{"0":null,"1":"Title","2":"Artist","selected":2}},
             "hide_formats":"1,3","newsletter":{"weekly":true,"topics":["dance",2]},"ratio":0.5,"label":"a\u001b[2Jb"}
            """), "options");

        Assert.Equal(24200, Assert.Single(options.Charts).ChartId);
        Assert.Equal(".mp3", Assert.Single(options.DownloadFormats).Extension);
        Assert.Equal("Artist", options.FileNaming!.Slots[0].Field);
        Assert.Equal("1,3", options.Other["hide_formats"]);
        var newsletter = Assert.IsType<Dictionary<string, object?>>(options.Other["newsletter"]);
        Assert.Equal(true, newsletter["weekly"]);
        Assert.Equal(new object?[] { "dance", 2L }, (object?[])newsletter["topics"]!);
        Assert.Equal(0.5, options.Other["ratio"]);
        Assert.DoesNotContain('\u001b', (string)options.Other["label"]!);
    }

    [Fact]
    public void OptionsWithoutAnyDocumentedGroupAreARefusalWhenTheyAreAMessage()
    {
        var failure = Assert.Throws<PoolApiException>(() => PreferencesAnswers.Options(Parse("""{"result":"Invalid user."}"""), "the account's options"));
        Assert.Equal(PoolErrorKind.Refused, failure.Kind);
        var invalid = Assert.Throws<PoolApiException>(() => PreferencesAnswers.Options(Parse("[]"), "the account's options"));
        Assert.Equal(PoolErrorKind.InvalidResponse, invalid.Kind);
    }

    [Fact]
    public void AnOptionFieldQuotingTheAuthorizationHeaderIsMaskedLikeCatalogueText()
    {
        // Fields the module keeps without knowing them are shown as they are: a server can quote the request in any of them.
        const string token = "7c2d3e4f5a6b7081928374655647382a";
        using var secrets = Registered.Token(6, token);
        string header = Convert.ToBase64String(Encoding.UTF8.GetBytes("6:" + token));

        Preference options = PreferencesAnswers.Options(Parse("{\"filenaming\":{},\"debug\":{\"request\":[\"Authorization: Bearer " + header + "\"]},\"" + token + "\":1}"), "options");

        var debug = Assert.IsType<Dictionary<string, object?>>(options.Other["debug"]);
        Assert.Equal("Authorization: Bearer [secret]==", Assert.Single(Assert.IsType<object?[]>(debug["request"])));
        Assert.Equal("[secret]", Assert.Single(options.Other.Keys, k => k != "debug"));
    }
}

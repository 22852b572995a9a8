using System.Text;
using Newtonsoft.Json.Linq;
using PromoOnly.Account;
using PromoOnly.Client;

namespace PromoOnly.Tests.Account;

/// <summary>The queue and account answers of contract section 7: re-download counts, the user id lookup, the sync, write results.</summary>
public class AccountAnswersTests
{
    private static JToken Parse(string body) => PoolApiClient.ParseDocument(body, "test");

    [Theory]
    [InlineData("""{"result":"success","tracks_requeued":2}""", 2)]
    [InlineData("""{"result":"Success","tracks_requeued":"2"}""", 2)]
    [InlineData("""{"result":"success","tracks_requeued":0}""", 0)]
    public void TheRequeuedCountMayBeANumberOrText(string body, int count) =>
        Assert.Equal(count, AccountAnswers.TracksRequeued(Parse(body), "the re-download request"));

    [Fact]
    public void ARedownloadAnswerWithoutACountIsInvalidAndAnotherResultIsARefusal()
    {
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => AccountAnswers.TracksRequeued(Parse("""{"result":"success"}"""), "r")).Kind);
        var refused = Assert.Throws<PoolApiException>(() => AccountAnswers.TracksRequeued(Parse("""{"result":"Only downloaded tracks can be requeued."}"""), "the re-download request"));
        Assert.Equal(PoolErrorKind.Refused, refused.Kind);
        Assert.Equal("Only downloaded tracks can be requeued.", refused.ServerMessage);
    }

    [Theory]
    [InlineData("""{"pool_userid":1}""", 1)]
    [InlineData("""{"pool_userid":"12345"}""", 12345)]
    public void TheUserIdIsANumberOrDigits(string body, int id) =>
        Assert.Equal(id, AccountAnswers.PoolUserId(Parse(body), "the user id"));

    [Fact]
    public void TheUserIdFieldHoldingTextIsAccountNotFoundQuotingIt()
    {
        var failure = Assert.Throws<PoolApiException>(() => AccountAnswers.PoolUserId(Parse("""{"pool_userid":"Invalid email address. POOL Account not found."}"""), "the POOL user id of 'x@y'"));

        Assert.Equal(PoolErrorKind.AccountNotFound, failure.Kind);
        Assert.Equal("Invalid email address. POOL Account not found.", failure.ServerMessage);
    }

    [Theory]
    [InlineData("""{"pool_userid":0}""")]
    [InlineData("""{"pool_userid":true}""")]
    [InlineData("""{"userid":1}""")]
    [InlineData("""[1]""")]
    public void AnythingElseIsNotAUserId(string body) =>
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => AccountAnswers.PoolUserId(Parse(body), "the user id")).Kind);

    [Fact]
    public void TheSyncAnswerIsItsDistributionText()
    {
        Assert.Equal("Releases synced for userid: 1", AccountAnswers.Distribution(Parse("""{"userid":1,"distribution":"Releases synced for userid: 1"}"""), "sync"));
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => AccountAnswers.Distribution(Parse("""{"userid":1}"""), "sync")).Kind);
    }

    [Fact]
    public void TheRemovalExampleOfTheDocumentationHasATrailingCommaAndStillMeansSuccess()
    {
        const string documented = "{\n    \"result\": \"success\",\n}";
        Assert.Null(StrictJson.TryParse(documented, out _));

        JToken salvaged = ResultAnswer.SalvageDocumentedSuccess(documented)!;
        ResultAnswer.RequireSuccess(salvaged, "removing track 1");
        Assert.Null(ResultAnswer.SalvageDocumentedSuccess("{\"result\":\"failed\",}"));
        Assert.Null(ResultAnswer.SalvageDocumentedSuccess("{\"result\":\"success\",\"x\":1,}"));
    }

    [Fact]
    public void AWriteAnswerWithAnotherResultIsARefusalAndWithoutOneIsInvalid()
    {
        Assert.Equal(PoolErrorKind.Refused, Assert.Throws<PoolApiException>(() => ResultAnswer.RequireSuccess(Parse("""{"result":"Track 5 not found."}"""), "removing track 5")).Kind);
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => ResultAnswer.RequireSuccess(Parse("""{"status":"ok"}"""), "x")).Kind);
        Assert.Equal(PoolErrorKind.InvalidResponse, Assert.Throws<PoolApiException>(() => ResultAnswer.RequireSuccess(Parse("""["success"]"""), "x")).Kind);
    }

    [Fact]
    public async Task AListFieldKeepsItsCommasLiteralAsTheDocumentationWritesThem()
    {
        using var form = new FormBody().AddList("trackid_list", new long[] { 356111, 356115 }).Add("reason", "I lost my media & more");
        using var content = form.ToContent();

        Assert.Equal("trackid_list=356111,356115&reason=I+lost+my+media+%26+more", Encoding.ASCII.GetString(await content.ReadAsByteArrayAsync()));
    }
}

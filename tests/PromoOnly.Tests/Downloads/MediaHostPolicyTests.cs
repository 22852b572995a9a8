using PromoOnly.Downloads;

namespace PromoOnly.Tests.Downloads;

public class MediaHostPolicyTests
{
    private static readonly MediaHostPolicy Live = new(new Uri("https://api.promoonly.com/"));
    private static readonly MediaHostPolicy Local = new(new Uri("http://127.0.0.1:5080/"));

    [Theory]
    [InlineData("dc03.promoonly.com")]
    [InlineData("DC03.PromoOnly.com")]
    [InlineData("promoonly.com")]
    [InlineData("a.b.promoonly.com:8080")]
    public void TheLiveApiTrustsItsOwnDomain(string host) => Assert.True(Live.MayReceiveCredentials(host));

    [Theory]
    [InlineData("evilpromoonly.com")]
    [InlineData("promoonly.com.evil.net")]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.5")]
    [InlineData("192.168.1.1:80")]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public void TheLiveApiRefusesEverythingElse(string host) => Assert.False(Live.MayReceiveCredentials(host));

    [Theory]
    [InlineData("127.0.0.1:41021", true)]
    [InlineData("127.5.6.7", true)]
    [InlineData("localhost:9000", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("10.1.2.3:80", false)]
    [InlineData("dc03.promoonly.com", false)]
    public void AnApiOnLoopbackTrustsOnlyLoopback(string host, bool allowed) => Assert.Equal(allowed, Local.MayReceiveCredentials(host));

    [Fact]
    public void AnApiAtAForeignIpLiteralTrustsNoMediaHost() =>
        Assert.False(new MediaHostPolicy(new Uri("http://10.0.0.1/")).MayReceiveCredentials("10.0.0.1"));

    [Theory]
    [InlineData("https://pool-api.herokuapp.test/", "attacker-app.herokuapp.test")]
    [InlineData("https://pool-api.herokuapp.test/", "herokuapp.test")]
    [InlineData("https://api.example.net/", "media.example.net")]
    [InlineData("https://example.net/", "media.example.net")]
    public void AnyOtherApiTrustsNoMediaHostByItself(string api, string host) =>
        // The API's "own domain" is never guessed from its name (issue 16, point 12).
        Assert.False(new MediaHostPolicy(new Uri(api)).MayReceiveCredentials(host));

    [Theory]
    [InlineData("media.example.net", "media.example.net", true)]
    [InlineData("media.example.net", "MEDIA.example.net.:8080", true)]
    [InlineData("media.example.net", "other.example.net", false)]
    [InlineData("*.example.net", "a.b.example.net", true)]
    [InlineData("*.example.net", "example.net", false)]
    [InlineData("*.example.net", "evilexample.net", false)]
    [InlineData("10.0.0.5", "10.0.0.5:80", true)]
    public void TrustedHostsAreTheOnlyOthers(string trusted, string host, bool allowed) =>
        Assert.Equal(allowed, new MediaHostPolicy(new Uri("https://pool-api.herokuapp.test/"), new[] { trusted }).MayReceiveCredentials(host));

    [Fact]
    public void TheLiveApiUnderAnotherNameOfItsDomainIsStillLive() =>
        Assert.True(new MediaHostPolicy(new Uri("https://pool.promoonly.com/v1/")).MayReceiveCredentials("dc03.promoonly.com"));

    [Theory]
    [InlineData("media.example.net", true)]
    [InlineData("*.example.net", true)]
    [InlineData("https://media.example.net", false)]
    [InlineData("media.example.net:8080", false)]
    [InlineData("media.example.net/x", false)]
    [InlineData("*", false)]
    [InlineData("a.*.example.net", false)]
    [InlineData("", false)]
    public void TrustedHostPatternsAreNamesOrStarDotNames(string pattern, bool valid) =>
        Assert.Equal(valid, MediaHostPolicy.PatternProblem(pattern) is null);
}
